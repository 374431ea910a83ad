package dev.wsecho.connection;

import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.eclipse.jetty.websocket.core.CloseStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.wsecho.WsechoApplication;
import dev.wsecho.testsupport.Http2WebSocketClient;
import dev.wsecho.testsupport.WebSocketTestClient;
import dev.wsecho.testsupport.WebSocketTestClient.Close;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What clients see when the process is stopped, as SIGTERM stops it: the context closing.
 */
class GracefulShutdownIntegrationTests {

	private ConfigurableApplicationContext context;

	private final List<WebSocketTestClient> clients = new ArrayList<>();

	@AfterEach
	void cleanUp() {
		this.clients.forEach(WebSocketTestClient::close);
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void closesEveryConnectionWithGoingAwayAndThenStopsListening() throws Exception {
		int port = start();
		for (int c = 0; c < 3; c++) {
			WebSocketTestClient client = connect(port);
			client.sendText("before shutdown " + c);
			assertThat(client.next()).isEqualTo("before shutdown " + c);
		}

		long started = System.nanoTime();
		this.context.close();
		long tookMillis = (System.nanoTime() - started) / 1_000_000;

		for (WebSocketTestClient client : this.clients) {
			assertThat(client.awaitClose()).isEqualTo(new Close(1001, "Server is shutting down"));
		}
		assertThat(tookMillis).as("shutdown time in ms").isLessThan(10_000);
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> new Socket("127.0.0.1", port).close());
	}

	@Test
	void finishesTheEchoInHandBeforeClosing() throws Exception {
		int port = start();
		WebSocketTestClient client = connect(port);
		byte[] large = new byte[8 * 1024 * 1024];
		new Random(1001).nextBytes(large);
		client.startSendingBinary(large);
		client.awaitFirstPart();

		this.context.close();

		assertThat(client.nextBinary()).isEqualTo(large);
		assertThat(client.awaitClose()).isEqualTo(new Close(1001, "Server is shutting down"));
	}

	@Test
	void closesWebSocketsOverHttp2WithGoingAwayToo() throws Exception {
		int port = start("--server.http2.enabled=true");
		try (Http2WebSocketClient http2 = new Http2WebSocketClient()) {
			List<Http2WebSocketClient.Socket> sockets = new ArrayList<>();
			for (int c = 0; c < 3; c++) {
				sockets.add(http2.connect(URI.create("ws://127.0.0.1:" + port + "/ws/echo")));
			}

			this.context.close();

			for (Http2WebSocketClient.Socket socket : sockets) {
				CloseStatus close = socket.awaitClose();
				assertThat(close.getCode()).isEqualTo(1001);
				assertThat(close.getReason()).isEqualTo("Server is shutting down");
			}
		}
	}

	private int start(String... settings) {
		List<String> args = new ArrayList<>(List.of(settings));
		args.add("--server.port=0");
		this.context = new SpringApplicationBuilder(WsechoApplication.class).run(args.toArray(String[]::new));
		return Integer.parseInt(this.context.getEnvironment().getProperty("local.server.port"));
	}

	private WebSocketTestClient connect(int port) throws Exception {
		WebSocketTestClient client = WebSocketTestClient.connect(URI.create("ws://127.0.0.1:" + port + "/ws/echo"));
		this.clients.add(client);
		return client;
	}

}
