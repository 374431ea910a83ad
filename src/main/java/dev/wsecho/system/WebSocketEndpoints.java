package dev.wsecho.system;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * Registers a feature's WebSocket handler with the policies every endpoint shares: allowed
 * origins (403), the connection limit and shutdown (503), keep-alive, idle and rate limits, and
 * metrics tagged with the endpoint's name.
 */
@Component
public class WebSocketEndpoints {

	private final SessionRegistry sessions;

	private final ConnectionSlots slots;

	private final LimitsProperties limits;

	private final String[] allowedOrigins;

	WebSocketEndpoints(SessionRegistry sessions, ConnectionSlots slots, LimitsProperties limits,
			OriginProperties origins) {
		this.sessions = sessions;
		this.slots = slots;
		this.limits = limits;
		this.allowedOrigins = origins.allowedOrigins().toArray(String[]::new);
	}

	/** Serves {@code handler} at {@code path}; {@code name} tags its metrics. */
	public void register(WebSocketHandlerRegistry registry, String name, String path, WebSocketHandler handler,
			EndpointHandshakeHandler handshake) {
		registry.addHandler(new GuardedWebSocketHandler(name, handler, this.sessions, this.limits), path)
			.setHandshakeHandler(handshake)
			.addInterceptors(new AdmissionInterceptor(this.slots))
			.setAllowedOriginPatterns(this.allowedOrigins);
	}

}
