package dev.wsecho.slowclient;

import java.io.IOException;
import java.time.Duration;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;

import dev.wsecho.lab.LabProperties;
import dev.wsecho.testsupport.RawWebSocketClient;
import dev.wsecho.testsupport.RawWebSocketClient.End;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the lab's slow-client tests share: a raw lab client with small socket buffers that
 * reads nothing until the server has given up on it, and then sees the end exactly as its
 * socket does.
 */
final class NotReadingLabClient implements AutoCloseable {

	/** A burst that a client reading nothing leaves stuck after a few hundred KiB. */
	static final String BURST = "{\"command\":\"burst\",\"count\":1000,\"size\":65536,\"binary\":true}";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final RawWebSocketClient client;

	private final String session;

	private NotReadingLabClient(RawWebSocketClient client, String session) {
		this.client = client;
		this.session = session;
	}

	/** Connects and reads the welcome, which names the session the server logs. */
	static NotReadingLabClient connect(int port) throws IOException {
		RawWebSocketClient client = RawWebSocketClient.connect(port, LabProperties.PATH, 16 * 1024);
		String session = JSON.readTree(client.readMessage().text()).path("session").stringValue();
		return new NotReadingLabClient(client, session);
	}

	String session() {
		return this.session;
	}

	void sendText(String command) throws IOException {
		this.client.sendText(command);
	}

	/**
	 * Waits for the server's log to say it closed this client with
	 * {@link SlowClients#TOO_SLOW} within {@code within}, and asserts that it did so for
	 * the reason that starts with {@code why}.
	 */
	void awaitClosedTooSlow(CapturedOutput output, Duration within, String why) {
		String closed = "Closed lab " + this.session + " code=1013 reason=" + SlowClients.TOO_SLOW.getReason();
		await().atMost(within).until(() -> output.getOut().contains(closed));
		assertThat(output.getOut()).contains("Closing " + this.session + ": too slow, " + why);
	}

	/**
	 * Reads to the end and asserts that the burst was cut short and the end was the
	 * server's 1013; the close frame cannot overtake the stuck burst, so the socket
	 * usually ends without it (1006).
	 */
	void assertBurstCutShort() throws IOException {
		End end = this.client.readUntilEnd();
		assertThat(end.dataFrames()).as("messages received before the end").isLessThan(1000);
		assertThat(end.closeCode()).as("1013, or 1006 without the close frame").isIn(1013, 1006);
	}

	@Override
	public void close() throws IOException {
		this.client.close();
	}

}
