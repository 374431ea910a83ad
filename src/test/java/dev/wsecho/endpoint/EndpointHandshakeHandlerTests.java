package dev.wsecho.endpoint;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
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
		handshake.negotiateCompression(null);

		assertThat(handshake.filterRequestedExtensions(this.request, DEFLATE, DEFLATE)).isEmpty();
	}

	@Test
	void suggestsAWsUrlToAPlainRequestThatIsNoUpgrade() throws Exception {
		MockHttpServletResponse response = upgradeRequired(false);

		assertThat(response.getStatus()).isEqualTo(HttpStatus.UPGRADE_REQUIRED.value());
		assertThat(response.getContentAsString()).contains("new WebSocket('ws://example.test/ws/echo')");
	}

	@Test
	void suggestsAWssUrlToARequestThatCameOverTls() throws Exception {
		MockHttpServletResponse response = upgradeRequired(true);

		assertThat(response.getContentAsString()).contains("new WebSocket('wss://example.test/ws/echo')");
	}

	private static MockHttpServletResponse upgradeRequired(boolean secure) throws Exception {
		MockHttpServletRequest servletRequest = new MockHttpServletRequest("GET", "/ws/echo");
		servletRequest.setScheme(secure ? "https" : "http");
		servletRequest.setSecure(secure);
		servletRequest.setServerName("example.test");
		servletRequest.setServerPort(secure ? 443 : 80);
		servletRequest.addHeader("Host", "example.test");
		MockHttpServletResponse servletResponse = new MockHttpServletResponse();
		ServletServerHttpResponse response = new ServletServerHttpResponse(servletResponse);
		new EndpointHandshakeHandler().handleInvalidUpgradeHeader(new ServletServerHttpRequest(servletRequest),
				response);
		response.flush();
		return servletResponse;
	}

}
