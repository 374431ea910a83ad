package dev.wsecho.lab;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;

import dev.wsecho.slowclient.SlowClientProperties;
import dev.wsecho.slowclient.SlowClients;
import dev.wsecho.testsupport.RecordingWebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;

class LabWebSocketHandlerTests {

	private final ManualLabWork work = new ManualLabWork();

	private final SlowClients slowClients = new SlowClients(SlowClientProperties.defaults());

	private final LabWebSocketHandler handler = new LabWebSocketHandler(JsonMapper.builder().build(), this.work.work,
			"inst1234", this.slowClients);

	private final ClientSession session = new ClientSession();

	@BeforeEach
	void connect() throws Exception {
		this.handler.afterConnectionEstablished(this.session);
	}

	@AfterEach
	void stopWatch() {
		this.slowClients.destroy();
	}

	private void send(String text) throws Exception {
		this.handler.handleMessage(this.session, new TextMessage(text));
	}

	/** The payloads of the messages sent after the welcome, text and binary. */
	private List<Object> payloadsAfterWelcome() {
		return this.session.sent.stream().skip(1).map((message) -> (Object) message.getPayload()).toList();
	}

	/** The payloads of the text messages sent after the welcome. */
	private List<String> replies() {
		return this.session.sent.stream()
			.skip(1)
			.filter(TextMessage.class::isInstance)
			.map((message) -> ((TextMessage) message).getPayload())
			.toList();
	}

	private String lastReply() {
		List<String> replies = replies();
		assertThat(replies).isNotEmpty();
		return replies.get(replies.size() - 1);
	}

	private static String error(String message) {
		return "{\"type\":\"error\",\"message\":\"" + message + "\"}";
	}

	@Test
	void welcomesWithWhatTheServerSawOfTheHandshake() {
		assertThat(this.session.sent.get(0))
			.isInstanceOfSatisfying(TextMessage.class, (welcome) -> assertThat(welcome.getPayload())
				.isEqualTo("{\"type\":\"welcome\",\"instance\":\"inst1234\","
						+ "\"session\":\"lab-1\",\"path\":\"/ws/lab\",\"query\":{\"a\":[\"x y\"],\"b\":[\"2\",\"3\"]},"
						+ "\"headers\":{\"Cookie\":[\"(redacted)\"],\"Origin\":[\"http://example.test\"]},"
						+ "\"origin\":\"http://example.test\",\"remoteAddress\":\"127.0.0.1:50000\","
						+ "\"subprotocol\":\"v2\",\"extensions\":[]}"));
	}

	@Test
	void answersInfoWithTheSameDescription() throws Exception {
		send("{\"command\":\"info\"}");

		String welcome = ((TextMessage) this.session.sent.get(0)).getPayload();
		assertThat(replies()).containsExactly(welcome.replace("\"type\":\"welcome\"", "\"type\":\"info\""));
	}

	@Test
	void echoesWhatIsNotACommandVerbatim() throws Exception {
		send("Hello lab");
		send("{\"command\":42}");
		this.handler.handleMessage(this.session, new BinaryMessage("{\"command\":\"info\"}".getBytes()));

		assertThat(payloadsAfterWelcome()).containsExactly("Hello lab", "{\"command\":42}",
				ByteBuffer.wrap("{\"command\":\"info\"}".getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void limitsMessagesToTheMaxMessageSizeOverWhichTheTransportClosesWith1009() {
		assertThat(this.session.getTextMessageSizeLimit()).isEqualTo(1000);
		assertThat(this.session.getBinaryMessageSizeLimit()).isEqualTo(1000);
	}

	@Test
	void closesWithTheCodeAndReasonAsked() throws Exception {
		send("{\"command\":\"close\",\"code\":4001,\"reason\":\"bye\"}");

		assertThat(this.session.closes).containsExactly(new CloseStatus(4001, "bye"));
	}

	@Test
	void refusesACloseCodeThatMayNotBeSentAndStaysOpen() throws Exception {
		send("{\"command\":\"close\",\"code\":1006}");

		assertThat(lastReply())
			.isEqualTo(error("code 1006 cannot be sent; use 1000, 1001, 1003, 1007-1011 or 3000-4999"));
		assertThat(this.session.closes).isEmpty();
	}

	@Test
	void answersDropWithAnErrorWhenTheContainerCannotDrop() throws Exception {
		send("{\"command\":\"drop\"}");

		assertThat(lastReply()).isEqualTo(error("drop is not supported by this server's container"));
		assertThat(this.session.closes).isEmpty();
	}

	@Test
	void sendsTheDelayedMessageWhenItIsDue() throws Exception {
		send("{\"command\":\"delay\",\"ms\":300,\"message\":\"later\"}");

		assertThat(replies()).isEmpty();
		assertThat(this.work.timers.pending()).singleElement()
			.satisfies((task) -> assertThat(task.startTime).isEqualTo(ManualLabWork.NOW.plusMillis(300)))
			.satisfies(ManualTaskScheduler.Task::run);
		assertThat(replies()).containsExactly("later");
	}

	@Test
	void refusesADelayOverMaxDelay() throws Exception {
		send("{\"command\":\"delay\",\"ms\":60001,\"message\":\"x\"}");

		assertThat(lastReply()).isEqualTo(error("ms must be a whole number from 0 to 60000"));
		assertThat(this.work.timers.scheduled).isEmpty();
	}

	@Test
	void refusesADelayOverMaxPendingDelaysUntilOneHasRun() throws Exception {
		send("{\"command\":\"delay\",\"ms\":100,\"message\":\"1\"}");
		send("{\"command\":\"delay\",\"ms\":100,\"message\":\"2\"}");
		send("{\"command\":\"delay\",\"ms\":100,\"message\":\"3\"}");

		assertThat(replies()).containsExactly(error("at most 2 delays may be waiting"));
		assertThat(this.work.timers.pending()).hasSize(2);

		this.work.timers.pending().get(0).run();
		send("{\"command\":\"delay\",\"ms\":100,\"message\":\"4\"}");

		assertThat(this.work.timers.pending()).hasSize(2);
		assertThat(replies()).containsExactly(error("at most 2 delays may be waiting"), "1");
	}

	@Test
	void pushesTheBurstThenReportsItDone() throws Exception {
		send("{\"command\":\"burst\",\"count\":3,\"size\":4}");

		assertThat(replies()).as("nothing before the burst thread runs").isEmpty();
		this.work.bursts.runPending();

		assertThat(replies()).containsExactly("abcd", "abcd", "abcd", "{\"type\":\"burst-done\",\"count\":3}");
	}

	@Test
	void pushesABinaryBurstOfBytesCountingUp() throws Exception {
		send("{\"command\":\"burst\",\"count\":2,\"size\":3,\"binary\":true}");
		this.work.bursts.runPending();

		assertThat(payloadsAfterWelcome()).containsExactly(ByteBuffer.wrap(new byte[] { 0, 1, 2 }),
				ByteBuffer.wrap(new byte[] { 0, 1, 2 }), "{\"type\":\"burst-done\",\"count\":2}");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			{"command":"burst","count":11,"size":1}       | count must be a whole number from 1 to 10
			{"command":"burst","count":5,"size":30}       | count × size must be at most 100 bytes, not 150
			{"command":"stream","intervalMs":9}           | intervalMs must be a whole number from 10 to 2147483647
			{"command":"stream","intervalMs":10,"count":6} | count must be a whole number from 0 to 5
			""")
	void refusesWorkOverItsLimitsAndSchedulesNothing(String command, String problem) throws Exception {
		send(command);

		assertThat(replies()).containsExactly(error(problem));
		assertThat(this.work.bursts.pending).isEmpty();
		assertThat(this.work.timers.scheduled).isEmpty();
	}

	@Test
	void refusesABurstWhileEveryBurstThreadIsBusy() throws Exception {
		this.work.bursts.full = true;

		send("{\"command\":\"burst\",\"count\":1}");

		assertThat(replies()).containsExactly(error("too many bursts are running; try again later"));
	}

	@Test
	void reportsThePongOfItsPing() throws Exception {
		send("{\"command\":\"ping\",\"payload\":\"x\"}");

		assertThat(this.session.sent).last()
			.isInstanceOfSatisfying(PingMessage.class,
					(ping) -> assertThat(ping.getPayload()).isEqualTo(ByteBuffer.wrap(new byte[] { 'x' })));
		this.handler.handleMessage(this.session, new PongMessage(ByteBuffer.wrap(new byte[] { 'x' })));

		assertThat(replies()).singleElement()
			.asString()
			.matches("\\{\"type\":\"pong\",\"payload\":\"x\",\"rttMicros\":\\d+\\}");
	}

	@Test
	void ignoresAPongItDidNotPingFor() throws Exception {
		this.handler.handleMessage(this.session, new PongMessage(ByteBuffer.wrap(new byte[] { 'x' })));

		assertThat(this.session.sent).hasSize(1);
	}

	@Test
	void streamsTicksAtTheIntervalThenReportsTheStreamDone() throws Exception {
		send("{\"command\":\"stream\",\"intervalMs\":50,\"count\":2}");

		ManualTaskScheduler.Task task = this.work.timers.pending().get(0);
		assertThat(task.startTime).isEqualTo(ManualLabWork.NOW.plusMillis(50));
		assertThat(task.period).isEqualTo(Duration.ofMillis(50));
		task.run();
		task.run();

		assertThat(replies()).containsExactly(
				"{\"type\":\"tick\",\"seq\":1,\"serverTime\":\"2026-01-02T03:04:05.123Z\"}",
				"{\"type\":\"tick\",\"seq\":2,\"serverTime\":\"2026-01-02T03:04:05.123Z\"}",
				"{\"type\":\"stream-done\",\"count\":2,\"stopped\":false}");
		assertThat(task.isCancelled()).isTrue();
	}

	@Test
	void stopsTheStreamOnStopAndThenHasNoStreamToStop() throws Exception {
		send("{\"command\":\"stream\",\"intervalMs\":10}");
		ManualTaskScheduler.Task task = this.work.timers.pending().get(0);
		task.run();

		send("{\"command\":\"stop\"}");
		send("{\"command\":\"stop\"}");

		assertThat(replies()).containsExactly(
				"{\"type\":\"tick\",\"seq\":1,\"serverTime\":\"2026-01-02T03:04:05.123Z\"}",
				"{\"type\":\"stream-done\",\"count\":1,\"stopped\":true}", error("no stream is running"));
		assertThat(task.isCancelled()).isTrue();
	}

	@Test
	void stopsTheRunningStreamWhenANewOneStarts() throws Exception {
		send("{\"command\":\"stream\",\"intervalMs\":10}");
		ManualTaskScheduler.Task first = this.work.timers.pending().get(0);

		send("{\"command\":\"stream\",\"intervalMs\":20,\"count\":1}");

		assertThat(replies()).containsExactly("{\"type\":\"stream-done\",\"count\":0,\"stopped\":true}");
		assertThat(first.isCancelled()).isTrue();
		assertThat(this.work.timers.pending()).singleElement()
			.satisfies((second) -> assertThat(second.period).isEqualTo(Duration.ofMillis(20)));
	}

	@Test
	void answersAnUnknownCommandWithAnErrorAndStaysOpen() throws Exception {
		send("{\"command\":\"explode\"}");
		send("still here");

		assertThat(replies()).containsExactly(
				error("Unknown command \\\"explode\\\"; known: info, close, drop, delay, burst, ping, stream, stop"),
				"still here");
		assertThat(this.session.closes).isEmpty();
	}

	@Test
	void cancelsTheDelaysStreamAndBurstsOfAClosedConnection() throws Exception {
		send("{\"command\":\"delay\",\"ms\":100,\"message\":\"late\"}");
		send("{\"command\":\"stream\",\"intervalMs\":10}");
		send("{\"command\":\"burst\",\"count\":1}");

		this.handler.afterConnectionClosed(this.session, CloseStatus.GOING_AWAY);

		assertThat(this.work.timers.scheduled).hasSize(2).allMatch(ManualTaskScheduler.Task::isCancelled);
		this.work.timers.scheduled.forEach(ManualTaskScheduler.Task::run);
		this.work.bursts.runPending();
		assertThat(replies()).as("nothing sent after the close").isEmpty();
	}

	@Test
	void endsScheduledWorkQuietlyOnceTheConnectionHasGone() throws Exception {
		send("{\"command\":\"delay\",\"ms\":100,\"message\":\"late\"}");
		send("{\"command\":\"stream\",\"intervalMs\":10}");
		this.session.failure = new IllegalStateException("The connection has gone");

		this.work.timers.pending().get(0).run();

		assertThat(this.work.timers.scheduled).allMatch(ManualTaskScheduler.Task::isDone);
		assertThat(this.session.closes).isEmpty();
	}

	@Test
	void closesWith1011WhenScheduledWorkFailsUnexpectedly() throws Exception {
		send("{\"command\":\"delay\",\"ms\":100,\"message\":\"late\"}");
		this.session.failure = new UnsupportedOperationException("Unexpected");

		this.work.timers.pending().get(0).run();

		assertThat(this.session.closes).containsExactly(CloseStatus.SERVER_ERROR);
	}

	/**
	 * A client's session after a handshake with a query, credentials and a subprotocol.
	 */
	private static final class ClientSession extends RecordingWebSocketSession {

		/** When set, every send fails with it. */
		private RuntimeException failure;

		ClientSession() {
			super("lab-1", URI.create("ws://localhost/ws/lab?b=2&a=x%20y&b=3"), "v2");
		}

		@Override
		public HttpHeaders getHandshakeHeaders() {
			HttpHeaders headers = new HttpHeaders();
			headers.setOrigin("http://example.test");
			headers.add(HttpHeaders.COOKIE, "session=secret");
			return headers;
		}

		@Override
		public void sendMessage(WebSocketMessage<?> message) {
			if (this.failure != null) {
				throw this.failure;
			}
			super.sendMessage(message);
		}

	}

}
