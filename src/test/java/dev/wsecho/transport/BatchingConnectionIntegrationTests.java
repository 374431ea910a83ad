package dev.wsecho.transport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.wsecho.testsupport.RawWebSocketClient;
import dev.wsecho.testsupport.RawWebSocketClient.Frame;

import static dev.wsecho.testsupport.RawWebSocketClient.BINARY;
import static dev.wsecho.testsupport.RawWebSocketClient.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes gathered per read: many frames read at once are all answered, in order, and
 * frames other threads send meanwhile get out too.
 */
@TransportIntegrationTest
class BatchingConnectionIntegrationTests {

	@LocalServerPort
	private int port;

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void echoesMessagesWrittenInOneTcpWriteAllInOrder() throws Exception {
		int count = 1000;
		byte[] pipelined = RawWebSocketClient.pipelined(count,
				(i) -> RawWebSocketClient.frame(true, 0, (i % 2 == 0) ? TEXT : BINARY, utf8("message " + i), true));
		try (RawWebSocketClient client = RawWebSocketClient.connect(this.port, "/ws/echo")) {
			client.sendBytes(pipelined);

			for (int i = 0; i < count; i++) {
				Frame echo = client.readFrame();
				assertThat(echo.fin()).isTrue();
				assertThat(echo.opcode()).isEqualTo((i % 2 == 0) ? TEXT : BINARY);
				assertThat(echo.text()).isEqualTo("message " + i);
			}
		}
	}

	@Test
	void getsOutWhatATimerThreadSendsWhileTheReaderBatchesEchoes() throws Exception {
		int count = 100;
		// Each delay command is followed by an echo: the delay's reply comes from a
		// timer.
		byte[] pipelined = RawWebSocketClient.pipelined(2 * count,
				(i) -> RawWebSocketClient.frame(true, 0, TEXT, utf8((i % 2 == 0)
						? "{\"command\":\"delay\",\"ms\":0,\"message\":\"late " + i / 2 + "\"}" : "echo " + i / 2),
						true));
		try (RawWebSocketClient client = RawWebSocketClient.connect(this.port, "/ws/lab")) {
			assertThat(client.readFrame().text()).contains("\"type\":\"welcome\"");
			client.sendBytes(pipelined);

			List<String> echoes = new ArrayList<>();
			Set<String> late = new HashSet<>();
			for (int i = 0; i < 2 * count; i++) {
				String message = client.readMessage().text();
				if (message.startsWith("late ")) {
					late.add(message);
				}
				else {
					echoes.add(message);
				}
			}

			List<String> expectedEchoes = new ArrayList<>();
			Set<String> expectedLate = new HashSet<>();
			for (int i = 0; i < count; i++) {
				expectedEchoes.add("echo " + i);
				expectedLate.add("late " + i);
			}
			assertThat(echoes).containsExactlyElementsOf(expectedEchoes);
			assertThat(late).isEqualTo(expectedLate);
		}
	}

}
