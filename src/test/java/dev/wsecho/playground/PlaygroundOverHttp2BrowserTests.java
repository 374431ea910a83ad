package dev.wsecho.playground;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.wsecho.testsupport.AcceptedConnections;
import dev.wsecho.testsupport.HeadlessChromium;
import dev.wsecho.testsupport.SelfSignedKeyStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chromium over {@code https} with HTTP/2 on: the page arrives over {@code h2}, and
 * {@code wss://} sockets to the lab and the echo open as extended {@code CONNECT}s (RFC
 * 8441) on streams of that same TCP connection; the lab says so, and so does the
 * playground's status panel.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "server.http2.enabled=true")
@Import(AcceptedConnections.class)
class PlaygroundOverHttp2BrowserTests {

	private static SelfSignedKeyStore keyStore;

	private static HeadlessChromium chromium;

	@LocalServerPort
	private int port;

	@Autowired
	private AcceptedConnections accepted;

	@DynamicPropertySource
	static void tls(DynamicPropertyRegistry registry) throws Exception {
		keyStore = SelfSignedKeyStore.served(registry);
	}

	@BeforeAll
	static void startChromium() throws Exception {
		// The certificate is made at test time: nothing else would trust it.
		chromium = HeadlessChromium.start("--ignore-certificate-errors");
	}

	@AfterAll
	static void stopChromium() throws Exception {
		if (chromium != null) {
			chromium.close();
		}
	}

	@Test
	void tenSocketsShareThePagesHttp2Connection() {
		WebDriver driver = chromium.driver();
		driver.get("https://localhost:" + this.port + "/");
		JavascriptExecutor js = (JavascriptExecutor) driver;
		assertThat(js.executeScript("return performance.getEntriesByType('navigation')[0].nextHopProtocol"))
			.isEqualTo("h2");
		int acceptedBefore = this.accepted.count();

		@SuppressWarnings("unchecked")
		Map<String, Object> result = (Map<String, Object>) js.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				const open = (path, first) => new Promise((resolve, reject) => {
				  const socket = new WebSocket(`wss://${location.host}${path}`);
				  socket.onopen = () => { if (first) socket.send(first); };
				  socket.onmessage = (event) => resolve({ socket, data: event.data });
				  socket.onerror = () => reject(new Error(`${path} failed`));
				});
				const labs = Array.from({ length: 5 }, () => open('/ws/lab'));
				const echoes = Array.from({ length: 5 }, (_, i) => open('/ws/echo', `echo ${i}`));
				Promise.all([...labs, ...echoes]).then((all) => {
				  const welcomes = all.slice(0, 5).map((r) => JSON.parse(r.data));
				  const echoed = all.slice(5).map((r) => r.data);
				  all.forEach((r) => r.socket.close(1000));
				  done({ welcomes, echoed });
				}, (error) => done({ error: error.message }));
				""");

		assertThat(result).doesNotContainKey("error");
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> welcomes = (List<Map<String, Object>>) result.get("welcomes");
		assertThat(welcomes).hasSize(5).allSatisfy((welcome) -> {
			assertThat(welcome).containsEntry("httpVersion", "HTTP/2").containsEntry("connectProtocol", "websocket");
		});
		assertThat(welcomes.stream().map((welcome) -> welcome.get("remoteAddress")).distinct())
			.as("one client address and port: one TCP connection")
			.hasSize(1);
		assertThat(result.get("echoed")).isEqualTo(List.of("echo 0", "echo 1", "echo 2", "echo 3", "echo 4"));
		assertThat(this.accepted.count()).as("TCP connections accepted for the ten sockets").isEqualTo(acceptedBefore);
	}

	@Test
	void statusPanelShowsHttp2ForLabConnection() throws Exception {
		WebDriver driver = chromium.driver();
		driver.get("https://localhost:" + this.port + "/");
		WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
		driver.findElement(By.id("url")).clear();
		driver.findElement(By.id("url")).sendKeys("wss://localhost:" + this.port + "/ws/lab");
		driver.findElement(By.id("connect")).click();
		wait.until(ExpectedConditions.textToBe(By.id("status-http"), "HTTP/2 · :protocol websocket"));
		chromium.screenshot("playground-over-http2");
		driver.findElement(By.id("disconnect")).click();
		wait.until(ExpectedConditions.textToBe(By.id("status-state"), "CLOSED (3)"));
	}

}
