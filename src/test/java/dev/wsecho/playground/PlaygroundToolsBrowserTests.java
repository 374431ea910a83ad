package dev.wsecho.playground;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

class PlaygroundToolsBrowserTests extends AbstractPlaygroundBrowserTests {

	@LocalServerPort
	private int port;

	private WebDriver driver;

	private WebDriverWait wait;

	@BeforeEach
	void usePage() {
		this.driver = this.page.driver();
		this.wait = this.page.await();
	}

	private void open() {
		this.page.reload();
	}

	/** Leaves one tab, on a blank page, so that no socket or stream outlives its test. */
	@AfterEach
	void closeExtraTabs() {
		List<String> handles = List.copyOf(this.driver.getWindowHandles());
		for (String handle : handles.subList(1, handles.size())) {
			this.driver.switchTo().window(handle).close();
		}
		this.driver.switchTo().window(handles.get(0));
	}

	@Test
	void connectsToTheLabAndShowsTheCloseItAskedFor() throws Exception {
		assertThat(byId("lab-close").isEnabled()).as("commands wait for a lab connection").isFalse();

		byId("lab-use").click();
		this.wait.until(ExpectedConditions.textToBe(By.id("status-state"), "OPEN (1)"));
		assertThat(byId("status-url").getText()).isEqualTo("ws://127.0.0.1:" + this.port + "/ws/lab");
		// Received JSON is pretty-printed in the log.
		this.wait.until((d) -> logTexts().stream().anyMatch((text) -> text.startsWith("{\n  \"type\": \"welcome\"")));
		assertThat(byId("lab-status").getText()).isEqualTo("Connected to /ws/lab.");

		byId("lab-close").click();

		this.wait.until(ExpectedConditions.textToBe(By.id("status-state"), "CLOSED (3)"));
		assertThat(byId("status-close").getText()).isEqualTo("4001 application “bye” · wasClean true");
		assertThat(logTexts()).contains("{\"command\":\"close\",\"code\":4001,\"reason\":\"bye\"}");
		assertThat(byId("lab-close").isEnabled()).isFalse();
		this.page.screenshot("tools-lab-closed");
	}

	@Test
	void showsADroppedConnectionAs1006() {
		byId("lab-use").click();
		this.wait.until(ExpectedConditions.textToBe(By.id("status-state"), "OPEN (1)"));

		byId("lab-drop").click();

		this.wait.until(ExpectedConditions.textToBe(By.id("status-state"), "CLOSED (3)"));
		assertThat(byId("status-close").getText()).isEqualTo("1006 Abnormal Closure · wasClean false");
	}

	@Test
	void sendsBurstAndDelayCommandsWithTheFieldsValues() {
		byId("lab-use").click();
		this.wait.until(ExpectedConditions.textToBe(By.id("status-state"), "OPEN (1)"));
		WebElement count = byId("lab-burst-count");
		count.clear();
		count.sendKeys("3");

		byId("lab-burst").click();
		byId("lab-delay").click();

		this.wait.until((d) -> logTexts().contains("later"));
		assertThat(logTexts()).contains("{\"command\":\"burst\",\"count\":3,\"size\":64,\"binary\":false}",
				"{\n  \"type\": \"burst-done\",\n  \"count\": 3\n}",
				"{\"command\":\"delay\",\"ms\":500,\"message\":\"later\"}");
	}

	@Test
	void chatsBetweenTwoTabs() throws Exception {
		String first = this.driver.getWindowHandle();
		joinChat("ann");
		this.driver.switchTo().newWindow(WindowType.TAB);
		open();
		joinChat("bob");

		WebElement text = byId("chat-text");
		text.clear();
		text.sendKeys("Hello from bob <b>plain</b>");
		byId("chat-send").click();

		this.driver.switchTo().window(first);
		this.wait
			.until((d) -> chatLines().stream().anyMatch((line) -> line.endsWith("bob: Hello from bob <b>plain</b>")));
		assertThat(this.driver.findElements(By.cssSelector("#chat-messages b"))).as("text is never parsed as HTML")
			.isEmpty();
		this.wait.until((d) -> members().containsAll(List.of("ann", "bob")));
		assertThat(byId("chat-status").getText()).isEqualTo("In the room as ann (subprotocol v2).");
		this.page.screenshot("tools-chat");

		byId("chat-leave").click();
		this.driver.switchTo()
			.window(this.driver.getWindowHandles()
				.stream()
				.filter((handle) -> !handle.equals(first))
				.findFirst()
				.orElseThrow());
		this.wait.until((d) -> !members().contains("ann"));
		assertThat(chatLines()).anySatisfy((line) -> assertThat(line).endsWith("ann left"));
	}

	@Test
	void writesServerSentEventsIntoTheLog() {
		byId("tab-sse").click();
		assertThat(byId("tool-sse").isDisplayed()).isTrue();
		assertThat(byId("tool-lab").isDisplayed()).isFalse();

		byId("sse-ticks").click();

		this.wait.until((d) -> logTexts().stream().anyMatch((text) -> text.startsWith("SSE tick id 1: {\"seq\":1,")));
		assertThat(byId("sse-status").getText()).isEqualTo("OPEN: http://127.0.0.1:" + this.port + "/sse/ticks");
		byId("sse-close").click();
		assertThat(byId("sse-status").getText()).isEqualTo("No event stream open.");
		assertThat(logEntries().get(0).getDomAttribute("data-kind")).isEqualTo("system");
	}

	private void joinChat(String nick) {
		byId("tab-chat").click();
		WebElement field = byId("chat-nick");
		field.clear();
		field.sendKeys(nick);
		byId("chat-join").click();
		this.wait
			.until(ExpectedConditions.textToBe(By.id("chat-status"), "In the room as " + nick + " (subprotocol v2)."));
	}

	private WebElement byId(String id) {
		return this.page.byId(id);
	}

	private List<WebElement> logEntries() {
		return this.page.entries();
	}

	private List<String> logTexts() {
		return this.driver.findElements(By.cssSelector("#log .entry .text")).stream().map(WebElement::getText).toList();
	}

	private List<String> chatLines() {
		return this.driver.findElements(By.cssSelector("#chat-messages li")).stream().map(WebElement::getText).toList();
	}

	private List<String> members() {
		return this.driver.findElements(By.cssSelector("#chat-members li")).stream().map(WebElement::getText).toList();
	}

}
