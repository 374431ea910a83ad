package dev.wsecho.playground;

import java.net.ServerSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.test.context.TestPropertySource;

import static dev.wsecho.playground.PlaygroundPage.assertEntry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 1 KB limit lets a test make the server close the connection (1009) by sending 2 KB.
 */
@TestPropertySource(properties = "wsecho.echo.max-message-size=1KB")
class PlaygroundCloseAndReconnectBrowserTests extends AbstractPlaygroundBrowserTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			4000 | bye for now | 4000 application “bye for now” · wasClean true
			''   | ''          | 1000 Normal Closure · wasClean true
			""")
	void closesWithTheCodeAndReasonTheUserChoseOr1000WhenBothAreEmpty(String code, String reason, String shown) {
		this.page.connect();
		this.page.type("close-code", code);
		this.page.type("close-reason", reason);

		this.page.click("disconnect");

		this.page.await().until(ExpectedConditions.textToBe(By.id("status-state"), "CLOSED (3)"));
		assertThat(this.page.text("status-close")).isEqualTo(shown);
	}

	@Test
	void refusesACloseCodeTheBrowserWouldRefuseAndStaysOpen() {
		this.page.connect();
		for (String code : new String[] { "1001", "2999", "5000", "abc" }) {
			this.page.type("close-code", code);
			this.page.click("disconnect");
			assertThat(this.page.text("close-error")).isEqualTo("Browsers only send close code 1000 or 3000–4999, not "
					+ code + ": 1001–2999 are reserved for the protocol and servers.");
		}
		assertThat(this.page.text("status-state")).isEqualTo("OPEN (1)");
	}

	@Test
	void refusesACloseReasonOver123BytesOfUtf8() {
		this.page.connect();
		this.page.type("close-reason", "é".repeat(62));

		this.page.click("disconnect");

		assertThat(this.page.text("close-error"))
			.isEqualTo("The reason is 124 bytes in UTF-8; a close reason can have at most 123.");
		assertThat(this.page.text("status-state")).isEqualTo("OPEN (1)");
	}

	@Test
	void retriesAFailedConnectionWithACountdownThenGivesUpAfterTheLastAttempt() throws Exception {
		enableReconnect("3", "300");
		this.page.type("url", "ws://127.0.0.1:" + closedPort() + "/ws/echo");

		this.page.click("connect");

		this.page.await()
			.until((d) -> this.page.text("status-reconnect").equals("attempt 1 of 3")
					&& this.page.text("reconnect-countdown").matches("in 0\\.\\d s"));
		assertThat(this.page.byId("cancel-reconnect").isDisplayed()).isTrue();
		this.page.await().until((d) -> this.page.text("status-reconnect").equals("attempt 2 of 3"));
		this.page.await().until((d) -> this.page.text("status-reconnect").equals("attempt 3 of 3"));
		this.page.awaitNewest("error", "Gave up reconnecting after 3 attempts.");
		assertThat(this.page.entries("system").stream().filter((entry) -> entry.getText().contains("Reconnecting in")))
			.hasSize(3);
		assertThat(this.page.text("status-reconnect")).isEqualTo("on · up to 3 attempts");
		assertThat(this.page.byId("cancel-reconnect").isDisplayed()).isFalse();
	}

	@Test
	void stopsReconnectingWhenCancelled() throws Exception {
		enableReconnect("10", "5000");
		this.page.type("url", "ws://127.0.0.1:" + closedPort() + "/ws/echo");
		this.page.click("connect");
		this.page.await().until((d) -> this.page.text("reconnect-countdown").matches("in \\d\\.\\d s"));
		this.page.screenshot("playground-reconnecting");

		this.page.click("cancel-reconnect");

		assertEntry(this.page.newest(), "system", "Auto-reconnect cancelled.");
		assertThat(this.page.text("status-reconnect")).isEqualTo("on · up to 10 attempts");
		assertThat(this.page.text("reconnect-countdown")).isEmpty();
		assertThat(this.page.byId("cancel-reconnect").isDisplayed()).isFalse();
		assertThat(this.page.byId("connect").isEnabled()).isTrue();
	}

	@Test
	void neverReconnectsAfterTheUsersOwnDisconnectWhateverTheCode() {
		enableReconnect("10", "50");
		this.page.connect();
		this.page.type("close-code", "4001");

		this.page.click("disconnect");

		// The decision is taken in the close handler, which also logs the close: no wait
		// can miss it.
		this.page.awaitNewest("system", "Closed: 4001 application, reason “User disconnected”, wasClean true");
		assertThat(this.page.entries("system").stream().filter((entry) -> entry.getText().contains("Reconnecting")))
			.isEmpty();
		assertThat(this.page.text("status-reconnect")).isEqualTo("on · up to 10 attempts");
	}

	@Test
	void reconnectsAfterTheServerClosesWithACodeOtherThan1000() {
		enableReconnect("10", "100");
		this.page.connect();

		this.page.type("message", "x".repeat(2048));
		this.page.click("send");

		this.page.await()
			.until((d) -> this.page.entries("system")
				.stream()
				.filter((entry) -> entry.getText().contains("Connected to"))
				.count() == 2);
		this.page.await().until(ExpectedConditions.textToBe(By.id("status-state"), "OPEN (1)"));
		assertThat(this.page.text("status-close"))
			.startsWith("1009 Message Too Big “Message exceeds the limit of 1024 bytes”");
		assertThat(this.page.entries("system").stream().filter((entry) -> entry.getText().contains("Reconnecting to ")))
			.hasSize(1);
		assertThat(this.page.text("status-reconnect")).as("the count resets once connected")
			.isEqualTo("on · up to 10 attempts");
	}

	private void enableReconnect(String attempts, String baseMillis) {
		this.page.openSettings();
		this.page.choose("reconnect");
		this.page.setting("reconnect-max", attempts);
		this.page.setting("reconnect-base", baseMillis);
	}

	private static int closedPort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
