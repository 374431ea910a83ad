package dev.wsecho.endpoint;

import io.micrometer.observation.ObservationPredicate;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Leaves WebSocket handshakes out of the {@code http.server.requests} observation: its
 * timers and long-task timer cost about a tenth of a short session's CPU (connect, one
 * echo, close), and a handshake's duration says nothing about the connection it opens,
 * which {@code wsecho.sessions.active} and {@code wsecho.closes} count instead.
 */
@Configuration(proxyBeanMethods = false)
class HandshakeObservations {

	@Bean
	static ObservationPredicate skipWebSocketHandshakes() {
		return (name, context) -> !(context instanceof ServerRequestObservationContext request
				&& isWebSocketHandshake(request.getCarrier()));
	}

	static boolean isWebSocketHandshake(@Nullable HttpServletRequest request) {
		return request != null && "websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
	}

}
