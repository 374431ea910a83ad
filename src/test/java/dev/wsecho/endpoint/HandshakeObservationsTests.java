package dev.wsecho.endpoint;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import org.junit.jupiter.api.Test;

import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class HandshakeObservationsTests {

	private final ObservationPredicate predicate = HandshakeObservations.skipWebSocketHandshakes();

	@Test
	void leavesOutAWebSocketHandshakeWhateverTheUpgradeHeadersCase() {
		assertThat(this.predicate.test("http.server.requests", request("websocket"))).isFalse();
		assertThat(this.predicate.test("http.server.requests", request("WebSocket"))).isFalse();
	}

	@Test
	void keepsOtherRequestsAndOtherObservations() {
		assertThat(this.predicate.test("http.server.requests", request(null))).isTrue();
		assertThat(this.predicate.test("http.server.requests", request("h2c"))).isTrue();
		assertThat(this.predicate.test("tasks.scheduled.execution", new Observation.Context())).isTrue();
	}

	private static ServerRequestObservationContext request(String upgrade) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/ws/echo");
		if (upgrade != null) {
			request.addHeader("Upgrade", upgrade);
		}
		return new ServerRequestObservationContext(request, new MockHttpServletResponse());
	}

}
