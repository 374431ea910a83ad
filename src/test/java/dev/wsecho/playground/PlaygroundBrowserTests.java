package dev.wsecho.playground;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.wsecho.testsupport.HeadlessChromium;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class PlaygroundBrowserTests {

	private static final String TIMESTAMP = "\\d{2}:\\d{2}:\\d{2}\\.\\d{3}";

	private static HeadlessChromium chromium;

	@LocalServerPort
	private int port;

	private WebDriver driver;

	private WebDriverWait wait;

	@BeforeAll
	static void startChromium() throws Exception {
		chromium = HeadlessChromium.start();
	}

	@AfterAll
	static void stopChromium() throws Exception {
		if (chromium != null) {
			chromium.close();
		}
	}

	@BeforeEach
	void openPlayground() {
		this.driver = chromium.driver();
		this.driver.manage().window().setSize(new Dimension(1280, 900));
		this.driver.get("http://127.0.0.1:" + this.port + "/");
		this.wait = new WebDriverWait(this.driver, Duration.ofSeconds(10));
		this.wait.until(ExpectedConditions.textToBe(By.id("status-state"), "CLOSED (3)"));
	}

	@Test
	void prefillsTheUrlWithThisServersEchoEndpoint() {
		assertThat(byId("url").getDomProperty("value")).isEqualTo("ws://127.0.0.1:" + this.port + "/ws/echo");
		assertThat(byId("connect").isEnabled()).isTrue();
		assertThat(byId("disconnect").isEnabled()).isFalse();
		assertThat(byId("send").isEnabled()).isFalse();
		assertThat(byId("message").isEnabled()).isFalse();
	}

	@Test
	void sendsWithEnterAndShowsTheTimestampedEchoNewestFirst() throws Exception {
		connect();
		WebElement message = byId("message");
		message.clear();
		message.sendKeys("Hello from Chromium <b>not bold</b>", Keys.ENTER);

		this.wait.until((d) -> entries().get(0).getDomAttribute("data-kind").equals("received"));
		List<WebElement> entries = entries();
		assertEntry(entries.get(0), "received", "Hello from Chromium <b>not bold</b>");
		assertEntry(entries.get(1), "sent", "Hello from Chromium <b>not bold</b>");
		assertThat(entries.get(0).findElements(By.tagName("b"))).as("text is never parsed as HTML").isEmpty();
		chromium.screenshot("playground-echo");
	}

	@Test
	void showsOpenWhileConnectedThenClosedWith1000AfterDisconnect() {
		connect();
		assertThat(byId("status-url").getText()).isEqualTo("ws://127.0.0.1:" + this.port + "/ws/echo");
		assertThat(byId("status-extensions").getText()).contains("permessage-deflate");
		assertThat(byId("connect").isEnabled()).isFalse();
		assertThat(byId("send").isEnabled()).isTrue();

		byId("disconnect").click();

		this.wait.until(ExpectedConditions.textToBe(By.id("status-state"), "CLOSED (3)"));
		assertThat(byId("status-close").getText()).isEqualTo("1000 Normal Closure “User disconnected” · wasClean true");
		assertThat(byId("connect").isEnabled()).isTrue();
		assertThat(byId("disconnect").isEnabled()).isFalse();
		assertThat(byId("send").isEnabled()).isFalse();
		assertEntry(entries().get(0), "system",
				"Closed: 1000 Normal Closure, reason “User disconnected”, wasClean true");
	}

	@Test
	void showsAClearErrorForAnUnreachableServer() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		String unreachable = "ws://127.0.0.1:" + closedPort + "/ws/echo";
		WebElement url = byId("url");
		url.clear();
		url.sendKeys(unreachable);

		byId("connect").click();

		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("connection-error")));
		assertThat(byId("connection-error").getText()).isEqualTo("Could not connect to " + unreachable
				+ ": the server is unreachable or refused the handshake.");
		this.wait.until(ExpectedConditions.textToBe(By.id("status-state"), "CLOSED (3)"));
		this.wait.until((d) -> byId("status-close").getText().startsWith("1006 Abnormal Closure"));
		assertThat(entries()).anySatisfy((entry) -> assertThat(entry.getDomAttribute("data-kind")).isEqualTo("error"));
		chromium.screenshot("playground-unreachable");
	}

	@Test
	void refusesAUrlThatIsNotAWebSocketUrl() {
		WebElement url = byId("url");
		url.clear();
		url.sendKeys("http://127.0.0.1:" + this.port + "/ws/echo");

		byId("connect").click();

		assertThat(byId("connection-error").getText()).isEqualTo("The URL must start with ws:// or wss://, not http://.");
		assertThat(byId("status-state").getText()).isEqualTo("CLOSED (3)");
	}

	@Test
	void negotiatesTheFirstOfferedSubprotocolWithTheBrowser() {
		Object protocol = ((JavascriptExecutor) this.driver).executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				const socket = new WebSocket(arguments[0], ['chat', 'v2']);
				socket.onopen = () => { done(socket.protocol); socket.close(1000); };
				socket.onerror = () => done('error');
				""", "ws://127.0.0.1:" + this.port + "/ws/echo");

		assertThat(protocol).isEqualTo("chat");
	}

	@Test
	void fitsAPhoneScreenWithoutSidewaysScrolling() throws Exception {
		this.driver.manage().window().setSize(new Dimension(360, 740));
		connect();

		Object overflow = ((JavascriptExecutor) this.driver)
			.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");

		assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
		assertThat(Files.size(chromium.screenshot("playground-phone"))).isPositive();
	}

	private void connect() {
		byId("connect").click();
		this.wait.until(ExpectedConditions.textToBe(By.id("status-state"), "OPEN (1)"));
	}

	private WebElement byId(String id) {
		return this.driver.findElement(By.id(id));
	}

	private List<WebElement> entries() {
		return this.driver.findElements(By.cssSelector("#log .entry"));
	}

	private static void assertEntry(WebElement entry, String kind, String text) {
		assertThat(entry.getDomAttribute("data-kind")).isEqualTo(kind);
		assertThat(entry.findElement(By.className("kind")).getText()).isEqualToIgnoringCase(kind);
		assertThat(entry.findElement(By.className("text")).getText()).isEqualTo(text);
		assertThat(entry.findElement(By.tagName("time")).getText()).matches(TIMESTAMP);
	}

}
