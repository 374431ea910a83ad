package dev.wsecho.endpoint;

import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.ServletWebSocketHandlerRegistry;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

import dev.wsecho.connection.ConnectionGuards;
import dev.wsecho.connection.ConnectionSlots;
import dev.wsecho.connection.MessageRate;
import dev.wsecho.transport.Compressors;

/**
 * Registers a feature's WebSocket handler with the handshake policy every endpoint shares
 * (allowed origins: 403; the connection limit and shutdown: 503; not a WebSocket request:
 * 426; {@code permessage-deflate} when {@code wsecho.compression} is on, with the
 * {@code wsecho.deflate} settings and compressors shared by all) and behind the
 * per-connection guards (keep-alive, idle and rate limits, metrics tagged with the
 * endpoint's name).
 */
@Component
public class WebSocketEndpoints {

	private final ConnectionGuards guards;

	private final ConnectionSlots slots;

	private final String[] allowedOrigins;

	/** Shared by every endpoint; null when compression is off. */
	private final @Nullable Compressors compressors;

	WebSocketEndpoints(ConnectionGuards guards, ConnectionSlots slots, HandshakeProperties handshake,
			DeflateProperties deflate) {
		this.guards = guards;
		this.slots = slots;
		this.allowedOrigins = handshake.allowedOrigins().toArray(String[]::new);
		this.compressors = handshake.compression() ? new Compressors(deflate.settings()) : null;
	}

	/**
	 * Serves {@code handler} at {@code path}, each connection limited to
	 * {@code wsecho.limits.message-rate}; {@code name} tags its metrics.
	 */
	public void register(WebSocketHandlerRegistry registry, String name, String path, WebSocketHandler handler,
			EndpointHandshakeHandler handshake) {
		register(registry, name, path, handler, handshake, this.guards.defaultRate());
	}

	/**
	 * Serves {@code handler} at {@code path}, each connection limited to {@code rate};
	 * {@code name} tags its metrics.
	 */
	public void register(WebSocketHandlerRegistry registry, String name, String path, WebSocketHandler handler,
			EndpointHandshakeHandler handshake, MessageRate rate) {
		// Spring runs these interceptors first and its origin check last: a handshake
		// takes its slot before the origin is checked, and the admission gives it back if
		// the check refuses.
		handshake.negotiateCompression(this.compressors);
		if (registry instanceof ServletWebSocketHandlerRegistry servlet) {
			// Ahead of Spring MVC's annotated mappings, which would otherwise try every
			// @RequestMapping on each handshake first (a twentieth of a short session's
			// CPU); the endpoints' paths are theirs alone.
			servlet.setOrder(Ordered.HIGHEST_PRECEDENCE);
		}
		registry.addHandler(this.guards.guard(name, handler, rate), path)
			.setHandshakeHandler(handshake)
			.addInterceptors(new AdmissionInterceptor(this.slots))
			.setAllowedOriginPatterns(this.allowedOrigins);
	}

}
