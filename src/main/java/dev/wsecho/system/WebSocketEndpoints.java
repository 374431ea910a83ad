package dev.wsecho.system;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

import dev.wsecho.slowclient.SlowClients;

/**
 * Registers a feature's WebSocket handler with the policies every endpoint shares: allowed
 * origins (403), the connection limit and shutdown (503), keep-alive, idle and rate limits, the
 * transport's backstop for clients that stop reading, and metrics tagged with the endpoint's name.
 */
@Component
public class WebSocketEndpoints {

	private final SessionRegistry sessions;

	private final LimitsProperties limits;

	private final SlowClients slowClients;

	private final String[] allowedOrigins;

	WebSocketEndpoints(SessionRegistry sessions, LimitsProperties limits, OriginProperties origins,
			SlowClients slowClients) {
		this.sessions = sessions;
		this.limits = limits;
		this.slowClients = slowClients;
		this.allowedOrigins = origins.allowedOrigins().toArray(String[]::new);
	}

	/** Serves {@code handler} at {@code path}; {@code name} tags its metrics. */
	public void register(WebSocketHandlerRegistry registry, String name, String path, WebSocketHandler handler,
			EndpointHandshakeHandler handshake) {
		registry
			.addHandler(new GuardedWebSocketHandler(name, handler, this.sessions, this.limits, this.slowClients), path)
			.setHandshakeHandler(handshake)
			.addInterceptors(new AdmissionInterceptor(this.sessions))
			.setAllowedOriginPatterns(this.allowedOrigins);
	}

}
