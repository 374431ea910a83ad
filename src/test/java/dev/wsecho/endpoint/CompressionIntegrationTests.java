package dev.wsecho.endpoint;

import java.util.Map;

import org.eclipse.jetty.websocket.core.ExtensionConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.wsecho.WsechoApplication;
import dev.wsecho.testsupport.RawWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code permessage-deflate} follows {@code wsecho.compression}, and the old key still
 * works.
 */
@ExtendWith(OutputCaptureExtension.class)
class CompressionIntegrationTests {

	private ConfigurableApplicationContext context;

	@AfterEach
	void stop() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void negotiatesPermessageDeflateWithoutContextTakeoverByDefault() throws Exception {
		ExtensionConfig answer = ExtensionConfig.parse(extensionsNegotiated(start()));
		assertThat(answer.getName()).isEqualTo("permessage-deflate");
		assertThat(answer.getParameterKeys()).containsExactlyInAnyOrder("server_no_context_takeover",
				"client_no_context_takeover");
	}

	@Test
	void keepsContextTakeoverAndANarrowerWindowWhenConfigured() throws Exception {
		int port = start("--wsecho.deflate.context-takeover=true", "--wsecho.deflate.window-bits=12");
		try (RawWebSocketClient client = RawWebSocketClient.open(port)) {
			RawWebSocketClient.HandshakeResponse response = client.handshake("/ws/echo",
					Map.of("Sec-WebSocket-Extensions", "permessage-deflate; server_max_window_bits=15"));
			ExtensionConfig answer = ExtensionConfig.parse(response.headers().get("sec-websocket-extensions"));
			assertThat(answer.getName()).isEqualTo("permessage-deflate");
			assertThat(answer.getParameters()).containsExactly(Map.entry("server_max_window_bits", "12"));
		}
	}

	@Test
	void negotiatesNoExtensionWhenCompressionIsOff() throws Exception {
		assertThat(extensionsNegotiated(start("--wsecho.compression=false"))).isNull();
	}

	@Test
	void stillHonoursTheDeprecatedEchoKeyAndSaysWhatReplacesIt(CapturedOutput output) throws Exception {
		assertThat(extensionsNegotiated(start("--wsecho.echo.compression=false"))).isNull();
		assertThat(output).contains("wsecho.echo.compression").contains("Replacement: wsecho.compression");
	}

	private int start(String... args) {
		String[] all = new String[args.length + 1];
		all[0] = "--server.port=0";
		System.arraycopy(args, 0, all, 1, args.length);
		this.context = new SpringApplicationBuilder(WsechoApplication.class).run(all);
		return Integer.parseInt(this.context.getEnvironment().getProperty("local.server.port"));
	}

	/**
	 * The extensions the server accepts when a client offers {@code permessage-deflate},
	 * or null for none.
	 */
	private static String extensionsNegotiated(int port) throws Exception {
		try (RawWebSocketClient client = RawWebSocketClient.open(port)) {
			RawWebSocketClient.HandshakeResponse response = client.handshake("/ws/echo",
					Map.of("Sec-WebSocket-Extensions", "permessage-deflate"));
			assertThat(response.status()).isEqualTo(101);
			return response.headers().get("sec-websocket-extensions");
		}
	}

}
