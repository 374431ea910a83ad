package dev.wsecho.endpoint;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.server.HandshakeFailureException;

import dev.wsecho.connection.ConnectionSlots;

import static org.assertj.core.api.Assertions.assertThat;

class AdmissionInterceptorTests {

	private final ConnectionSlots slots = new ConnectionSlots(1);

	private final AdmissionInterceptor admission = new AdmissionInterceptor(this.slots);

	private final TextWebSocketHandler handler = new TextWebSocketHandler();

	private final MockHttpServletResponse servletResponse = new MockHttpServletResponse();

	private final ServletServerHttpRequest request = new ServletServerHttpRequest(new MockHttpServletRequest());

	private final ServletServerHttpResponse response = new ServletServerHttpResponse(this.servletResponse);

	private final Map<String, Object> attributes = new HashMap<>();

	@BeforeEach
	void open() {
		this.slots.open();
	}

	@Test
	void takesASlotAndHandsItToTheConnection() throws Exception {
		assertThat(this.admission.beforeHandshake(this.request, this.response, this.handler, this.attributes)).isTrue();

		assertThat(this.slots.taken()).isEqualTo(1);
		assertThat(this.attributes).hasSize(1);
	}

	@Test
	void refusesWith503AndWhyWhenNoSlotIsLeft() throws Exception {
		this.slots.reserve();

		assertThat(this.admission.beforeHandshake(this.request, this.response, this.handler, this.attributes))
			.isFalse();
		this.response.flush();

		assertThat(this.servletResponse.getStatus()).isEqualTo(503);
		assertThat(this.servletResponse.getHeader("Retry-After")).isEqualTo("5");
		assertThat(this.servletResponse.getContentAsString(StandardCharsets.UTF_8))
			.isEqualTo("The server holds its limit of 1 connections; try again later.\n");
		assertThat(this.attributes).isEmpty();
	}

	@Test
	void keepsTheSlotTakenWhenTheConnectionIsUpgraded() throws Exception {
		this.admission.beforeHandshake(this.request, this.response, this.handler, this.attributes);
		this.servletResponse.setStatus(101);

		this.admission.afterHandshake(this.request, this.response, this.handler, null);

		assertThat(this.slots.taken()).isEqualTo(1);
	}

	@Test
	void givesTheSlotBackWhenALaterCheckRefusesTheHandshake() throws Exception {
		this.admission.beforeHandshake(this.request, this.response, this.handler, this.attributes);
		this.servletResponse.setStatus(403);

		this.admission.afterHandshake(this.request, this.response, this.handler, null);

		assertThat(this.slots.taken()).isZero();
	}

	@Test
	void givesTheSlotBackWhenTheHandshakeFails() throws Exception {
		this.admission.beforeHandshake(this.request, this.response, this.handler, this.attributes);
		this.servletResponse.setStatus(101);

		this.admission.afterHandshake(this.request, this.response, this.handler,
				new HandshakeFailureException("client gone"));

		assertThat(this.slots.taken()).isZero();
	}

	@Test
	void givesTheSlotBackOnceWhenCalledBackTwice() throws Exception {
		this.admission.beforeHandshake(this.request, this.response, this.handler, this.attributes);
		this.servletResponse.setStatus(400);

		this.admission.afterHandshake(this.request, this.response, this.handler, null);
		this.admission.afterHandshake(this.request, this.response, this.handler, new HandshakeFailureException("x"));

		assertThat(this.slots.taken()).isZero();
	}

	@Test
	void refusesWith429WhenTheClientsAddressHoldsItsCap() throws Exception {
		AdmissionInterceptor capped = new AdmissionInterceptor(new ConnectionSlots(10, 1));
		assertThat(capped.beforeHandshake(this.request, this.response, this.handler, this.attributes)).isTrue();

		MockHttpServletResponse refused = new MockHttpServletResponse();
		ServletServerHttpResponse refusedResponse = new ServletServerHttpResponse(refused);
		assertThat(capped.beforeHandshake(this.request, refusedResponse, this.handler, new HashMap<>())).isFalse();
		refusedResponse.flush();

		assertThat(refused.getStatus()).isEqualTo(429);
		assertThat(refused.getHeader("Retry-After")).isEqualTo("5");
		assertThat(refused.getContentAsString(StandardCharsets.UTF_8))
			.isEqualTo("Your address holds its limit of 1 connections; close one before opening another.\n");
	}

}
