package dev.wsecho.endpoint;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.socket.WebSocketExtension;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointHandshakeHandlerTests {

	private static final List<WebSocketExtension> DEFLATE = WebSocketExtension
		.parseExtensions("permessage-deflate; client_max_window_bits");

	private final ServletServerHttpRequest request = new ServletServerHttpRequest(new MockHttpServletRequest());

	@Test
	void negotiatesPermessageDeflateByDefault() {
		EndpointHandshakeHandler handshake = new EndpointHandshakeHandler();

		assertThat(handshake.filterRequestedExtensions(this.request, DEFLATE, DEFLATE))
			.extracting(WebSocketExtension::getName)
			.containsExactly("permessage-deflate");
	}

	@Test
	void declinesEveryExtensionWhenCompressionIsOff() {
		EndpointHandshakeHandler handshake = new EndpointHandshakeHandler();
		handshake.negotiateCompression(false);

		assertThat(handshake.filterRequestedExtensions(this.request, DEFLATE, DEFLATE)).isEmpty();
	}

}
