package dev.wsecho.endpoint;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

import dev.wsecho.connection.ConnectionSlots;
import dev.wsecho.connection.ConnectionSlots.Admission;
import dev.wsecho.connection.ConnectionSlots.Refusal;
import dev.wsecho.connection.ConnectionSlots.Slot;
import dev.wsecho.transport.HandshakeExchange;

/**
 * Admits a handshake by taking one of the {@link ConnectionSlots}, and refuses it with
 * HTTP 503 and a reason when none is left or the server is shutting down, or with HTTP
 * 429 when the client's address holds its cap of connections.
 *
 * <p>
 * The slot is given back unless a connection opens: Spring runs this interceptor before
 * the origin check and calls it back after the handshake whatever became of it, so a 403
 * from the origin check, a 426 or 400 from the handshake handler and an exception give it
 * back there. A 101 (or, over HTTP/2, a 200 to the {@code CONNECT}) is not yet a
 * connection: Jetty hands the socket over to WebSocket only once the exchange completes,
 * and when the client is gone by then the exchange fails and no connection ever opens, so
 * that failure gives the slot back too. An open connection gives it back when it closes.
 */
final class AdmissionInterceptor implements HandshakeInterceptor {

	private static final String SLOT = AdmissionInterceptor.class.getName() + ".slot";

	private final ConnectionSlots slots;

	AdmissionInterceptor(ConnectionSlots slots) {
		this.slots = slots;
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Map<String, Object> attributes) throws Exception {
		Admission admission = this.slots.admit(address(request));
		if (admission instanceof Slot slot) {
			try {
				request.getAttributes().put(SLOT, slot);
				slot.handTo(attributes);
			}
			catch (RuntimeException ex) {
				// Spring calls afterHandshake only for interceptors that returned:
				// nothing else would give it back.
				slot.release();
				throw ex;
			}
			return true;
		}
		Refusal refusal = (Refusal) admission;
		// 429 says that this client, not the server, is at its limit.
		response.setStatusCode(refusal.perAddress() ? HttpStatus.TOO_MANY_REQUESTS : HttpStatus.SERVICE_UNAVAILABLE);
		response.getHeaders().set("Retry-After", "5");
		response.getHeaders().setContentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8));
		response.getBody().write((refusal.reason() + "\n").getBytes(StandardCharsets.UTF_8));
		return false;
	}

	/**
	 * The client's address as the server sees it (the proxy's, unless forwarded headers
	 * are applied), or {@code null} if unknown.
	 */
	private static @Nullable InetAddress address(ServerHttpRequest request) {
		InetSocketAddress remote = request.getRemoteAddress();
		return (remote != null) ? remote.getAddress() : null;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			@Nullable Exception exception) {
		if (!(request.getAttributes().remove(SLOT) instanceof Slot slot)) {
			return;
		}
		if (exception == null && HandshakeExchange.upgraded(request, response)) {
			HandshakeExchange.onFailure(request, slot::release);
		}
		else {
			slot.release();
		}
	}

}
