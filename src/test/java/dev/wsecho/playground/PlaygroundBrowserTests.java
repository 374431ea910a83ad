package dev.wsecho.playground;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static dev.wsecho.playground.PlaygroundPage.assertEntry;
import static org.assertj.core.api.Assertions.assertThat;

class PlaygroundBrowserTests extends AbstractPlaygroundBrowserTests {

	@Test
	void prefillsTheUrlWithThisServersEchoEndpoint() throws Exception {
		assertThat(this.page.value("url")).isEqualTo(this.page.echoUrl());
		assertThat(this.page.byId("connect").isEnabled()).isTrue();
		assertThat(this.page.byId("disconnect").isEnabled()).isFalse();
		assertThat(this.page.byId("send").isEnabled()).isFalse();
		assertThat(this.page.byId("message").isEnabled()).isFalse();
		this.page.screenshot("playground-start");
	}

	@Test
	void sendsWithEnterAndShowsTheTimestampedEchoNewestFirst() throws Exception {
		this.page.connect();
		this.page.sendAndAwaitEcho("Hello from Chromium <b>not bold</b>");

		List<WebElement> entries = this.page.entries();
		assertEntry(entries.get(0), "received", "Hello from Chromium <b>not bold</b>");
		assertEntry(entries.get(1), "sent", "Hello from Chromium <b>not bold</b>");
		assertThat(entries.get(0).findElements(By.tagName("b"))).as("text is never parsed as HTML").isEmpty();
		this.page.screenshot("playground-echo");
	}

	@Test
	void showsOpenWhileConnectedThenClosedWith1000AfterDisconnect() {
		this.page.connect();
		assertThat(this.page.text("status-url")).isEqualTo(this.page.echoUrl());
		assertThat(this.page.text("status-extensions")).contains("permessage-deflate");
		assertThat(this.page.byId("connect").isEnabled()).isFalse();
		assertThat(this.page.byId("send").isEnabled()).isTrue();

		this.page.click("disconnect");

		this.page.await().until(ExpectedConditions.textToBe(By.id("status-state"), "CLOSED (3)"));
		assertThat(this.page.text("status-close")).isEqualTo("1000 Normal Closure “User disconnected” · wasClean true");
		assertThat(this.page.byId("connect").isEnabled()).isTrue();
		assertThat(this.page.byId("disconnect").isEnabled()).isFalse();
		assertThat(this.page.byId("send").isEnabled()).isFalse();
		assertEntry(this.page.newest(), "system",
				"Closed: 1000 Normal Closure, reason “User disconnected”, wasClean true");
	}

	@Test
	void showsAClearErrorForAnUnreachableServer() throws Exception {
		String unreachable = "ws://127.0.0.1:" + closedPort() + "/ws/echo";
		this.page.type("url", unreachable);

		this.page.click("connect");

		this.page.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("connection-error")));
		assertThat(this.page.text("connection-error"))
			.isEqualTo("Could not connect to " + unreachable + ": the server is unreachable or refused the handshake.");
		this.page.await().until(ExpectedConditions.textToBe(By.id("status-state"), "CLOSED (3)"));
		this.page.await().until((d) -> this.page.text("status-close").startsWith("1006 Abnormal Closure"));
		assertThat(this.page.entries("error")).isNotEmpty();
		this.page.screenshot("playground-unreachable");
	}

	@Test
	void refusesAUrlThatIsNotAWebSocketUrl() {
		this.page.type("url", this.page.origin() + "/ws/echo");

		this.page.click("connect");

		assertThat(this.page.text("connection-error"))
			.isEqualTo("The URL must start with ws:// or wss://, not http://.");
		assertThat(this.page.text("status-state")).isEqualTo("CLOSED (3)");
	}

	@Test
	void refusesAnIncompleteUrlWithAMessageInsteadOfAnException() {
		this.page.type("url", "ws://");

		this.page.click("connect");

		assertThat(this.page.text("connection-error")).isEqualTo("Enter a full URL such as wss://example.com/ws/echo.");
		assertEntry(this.page.newest(), "error", "Enter a full URL such as wss://example.com/ws/echo.");
	}

	@Test
	void acceptsAnyWssUrlAndTriesToConnect() throws Exception {
		String secure = "wss://127.0.0.1:" + closedPort() + "/any/path?x=1";
		this.page.type("url", secure);

		this.page.click("connect");

		this.page.await().until((d) -> this.page.text("status-close").startsWith("1006 Abnormal Closure"));
		assertThat(this.page.entries("system").get(this.page.entries("system").size() - 1).getText())
			.contains("Connecting to " + secure);
		assertThat(this.page.text("connection-error"))
			.isEqualTo("Could not connect to " + secure + ": the server is unreachable or refused the handshake.");
	}

	@Test
	void remembersTheLastUrlAndSettingsAfterAReload() {
		String url = this.page.echoUrl() + "?remembered=1";
		this.page.type("url", url);
		this.page.setting("protocols", "chat, v2");
		this.page.choose("binary-type-arraybuffer");
		this.page.click("reconnect");
		this.page.setting("reconnect-max", "7");
		this.page.connect();

		this.page.reload();

		assertThat(this.page.value("url")).isEqualTo(url);
		assertThat(this.page.value("protocols")).isEqualTo("chat, v2");
		assertThat(this.page.byId("binary-type-arraybuffer").isSelected()).isTrue();
		assertThat(this.page.byId("reconnect").isSelected()).isTrue();
		assertThat(this.page.value("reconnect-max")).isEqualTo("7");
		assertThat(this.page.text("status-binary-type")).isEqualTo("arraybuffer");
	}

	@Test
	void offersTheListedSubprotocolsAndShowsTheNegotiatedOneAndExtensions() {
		this.page.setting("protocols", "chat, v2");

		this.page.connect();

		assertThat(this.page.text("status-protocol")).isEqualTo("chat");
		assertThat(this.page.text("status-extensions")).startsWith("permessage-deflate");
		assertThat(this.page.entries("system").get(0).getText())
			.contains("(subprotocol chat, extensions permessage-deflate");
	}

	@Test
	void refusesASubprotocolNameTheBrowserWouldReject() {
		this.page.setting("protocols", "chat, two words");

		this.page.click("connect");

		assertThat(this.page.text("connection-error")).startsWith("“two words” is not a valid subprotocol name");
		assertThat(this.page.text("status-state")).isEqualTo("CLOSED (3)");
	}

	@Test
	void negotiatesTheFirstOfferedSubprotocolWithTheBrowser() {
		Object protocol = this.page.asyncScript("""
				const done = arguments[arguments.length - 1];
				const socket = new WebSocket(arguments[0], ['chat', 'v2']);
				socket.onopen = () => { done(socket.protocol); socket.close(1000); };
				socket.onerror = () => done('error');
				""", this.page.echoUrl());

		assertThat(protocol).isEqualTo("chat");
	}

	@Test
	void clearsTheLogWithControlK() {
		this.page.connect();
		this.page.sendAndAwaitEcho("to be cleared");

		this.page.byId("message").sendKeys(Keys.chord(Keys.CONTROL, "k"));

		this.page.await().until((d) -> this.page.entries().isEmpty());
		assertThat(this.page.text("log-feedback")).isEqualTo("Log cleared.");
	}

	@Test
	void labelsEveryControl() {
		Object unlabelled = this.page.script("""
				return [...document.querySelectorAll('input, select, textarea, button')]
				  .filter((control) => control.type !== 'hidden')
				  .filter((control) => {
				    const labelled = (control.labels && control.labels.length > 0)
				      || control.getAttribute('aria-label') || control.getAttribute('aria-labelledby');
				    const named = control.tagName === 'BUTTON' && control.textContent.trim();
				    return !labelled && !named;
				  })
				  .map((control) => control.id || control.outerHTML);
				""");

		assertThat((List<?>) unlabelled).isEmpty();
		assertThat(this.page.byId("status").getDomAttribute("aria-live")).isEqualTo("polite");
	}

	@Test
	void followsTheDarkColourScheme() throws Exception {
		String light = backgroundColour();
		HasCdp cdp = (HasCdp) this.page.driver();
		try {
			cdp.executeCdpCommand("Emulation.setEmulatedMedia",
					Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
			this.page.await().until((d) -> !backgroundColour().equals(light));
			assertThat(backgroundColour()).isEqualTo("rgb(14, 17, 23)");
			showSomeTraffic();
			this.page.fullPageScreenshot("playground-desktop-dark", 1280);
			this.page.fullPageScreenshot("playground-phone-dark", 360);
		}
		finally {
			cdp.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
		}
		assertThat(light).isEqualTo("rgb(244, 245, 249)");
	}

	@Test
	void fitsAPhoneScreenWithoutSidewaysScrolling() throws Exception {
		this.page.resize(360, 740);
		showSomeTraffic();

		Object overflow = this.page
			.script("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");

		assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
		assertThat(Files.size(this.page.fullPageScreenshot("playground-phone", 360))).isPositive();
		assertThat(Files.size(this.page.fullPageScreenshot("playground-desktop", 1280))).isPositive();
	}

	private void showSomeTraffic() {
		this.page.openSettings();
		this.page.connect();
		this.page.sendAndAwaitEcho("Hello WebSocket!");
		this.page.sendAndAwaitEcho("{\"type\":\"greeting\",\"to\":\"everyone\"}");
		this.page.choose("mode-binary");
		this.page.sendAndAwaitEcho("48 65 6c 6c 6f 00 01 02 ff fe");
		this.page.choose("mode-json");
		this.page.type("message", "{\"type\": \"ping\"}");
		this.page.type("snippet-name", "ping", Keys.ENTER);
		this.page.choose("mode-binary");
	}

	private String backgroundColour() {
		return (String) this.page.script("return getComputedStyle(document.body).backgroundColor;");
	}

	private static int closedPort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
