package dev.wsecho.playground;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.assertj.core.api.Assertions.assertThat;

class PlaygroundTrafficBrowserTests extends AbstractPlaygroundBrowserTests {

	private static final String MILLIS = "\\d+(\\.\\d)? ms";

	@Test
	void showsTheRoundTripOfEachEchoWithP50AndP99AndAChart() {
		this.page.connect();

		for (String message : List.of("one", "two", "three")) {
			this.page.sendAndAwaitEcho(message);
		}

		List<WebElement> echoes = this.page.entries("received");
		assertThat(echoes).hasSize(3)
			.allSatisfy((echo) -> assertThat(echo.findElement(By.className("rtt")).getText()).matches("RTT " + MILLIS));
		assertThat(this.page.entries("sent"))
			.allSatisfy((sent) -> assertThat(sent.findElements(By.className("rtt"))).isEmpty());
		assertThat(this.page.text("rtt-last")).matches(MILLIS);
		assertThat(this.page.text("rtt-p50")).matches(MILLIS);
		assertThat(this.page.text("rtt-p99")).matches(MILLIS);
		assertThat(this.page.text("rtt-note")).isEqualTo("3 samples");
		assertThat(this.page.driver().findElements(By.cssSelector("#rtt-chart .uplot canvas"))).hasSize(1);
	}

	@Test
	void servesUplotFromItsWebjarWithoutAVersionInTheUrl() {
		Object status = this.page.asyncScript("""
				const done = arguments[arguments.length - 1];
				Promise.all(['/webjars/uplot/dist/uPlot.esm.js', '/webjars/uplot/dist/uPlot.min.css']
				    .map((url) => fetch(url).then((response) => response.status)))
				  .then(done, (e) => done(String(e)));
				""");

		assertThat(status).isEqualTo(List.of(200L, 200L));
	}

	@Test
	void showsNoRoundTripWhenTheRepliesAreNotEchoesOfWhatWasSent() {
		// A server that answers with something else: the echo of an altered message.
		this.page.script("""
				const send = WebSocket.prototype.send;
				WebSocket.prototype.send = function (data) { return send.call(this, 'not ' + data); };
				""");
		this.page.connect();

		this.page.sendAndAwaitEcho("hello");

		assertThat(this.page.newest().findElements(By.className("rtt"))).isEmpty();
		assertThat(this.page.text("rtt-last")).isEqualTo("–");
		assertThat(this.page.text("rtt-note"))
			.isEqualTo("replies are not echoes of what was sent: no round-trip times for this connection");
	}

	@Test
	void countsMessagesAndBytesEachWayAndTheConnectionsUptime() {
		this.page.connect();

		this.page.sendAndAwaitEcho("héllo");
		this.page.choose("mode-binary");
		this.page.sendAndAwaitEcho("01 02 03");

		assertThat(this.page.text("metric-sent")).isEqualTo("2 messages · 9 B");
		assertThat(this.page.text("metric-received")).isEqualTo("2 messages · 9 B");
		this.page.await().until(ExpectedConditions.textToBe(By.id("metric-uptime"), "0:00:01"));

		this.page.click("disconnect");

		this.page.await().until((d) -> this.page.text("metric-uptime").endsWith("(closed)"));
		assertThat(this.page.text("metric-uptime")).matches("0:00:0\\d \\(closed\\)");
		assertThat(this.page.text("metric-sent")).as("counters stay until the next Connect")
			.isEqualTo("2 messages · 9 B");
	}

}
