package dev.wsecho.transport;

import java.util.Map;

import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.TunnelSupport;
import org.jspecify.annotations.Nullable;

/**
 * Which HTTP carried a connection's opening handshake: an HTTP/1.1 upgrade, or an HTTP/2
 * extended {@code CONNECT} (RFC 8441) with its {@code :protocol} pseudo-header. Kept in
 * the session's attributes under {@link #ATTRIBUTE} from the handshake on.
 *
 * @param httpVersion {@code HTTP/1.1} or {@code HTTP/2}
 * @param connectProtocol the {@code :protocol} pseudo-header of an HTTP/2 handshake,
 * {@code null} over HTTP/1.1
 */
public record HandshakeProtocol(String httpVersion, @Nullable String connectProtocol) {

	/** The session attribute that holds a connection's {@code HandshakeProtocol}. */
	public static final String ATTRIBUTE = HandshakeProtocol.class.getName();

	/** An HTTP/1.1 upgrade. */
	public static final HandshakeProtocol HTTP_1_1 = new HandshakeProtocol("HTTP/1.1", null);

	/** What carried {@code request}. */
	static HandshakeProtocol of(Request request) {
		if (!isHttp2(request)) {
			return HTTP_1_1;
		}
		TunnelSupport tunnel = request.getTunnelSupport();
		return new HandshakeProtocol("HTTP/2", (tunnel != null) ? tunnel.getProtocol() : null);
	}

	static boolean isHttp2(Request request) {
		return HttpVersion.HTTP_2.is(request.getConnectionMetaData().getProtocol());
	}

	/**
	 * The handshake's protocol from a session's attributes; {@link #HTTP_1_1} when none
	 * is recorded (a session not opened by this transport).
	 */
	public static HandshakeProtocol of(Map<String, Object> attributes) {
		return (attributes.get(ATTRIBUTE) instanceof HandshakeProtocol protocol) ? protocol : HTTP_1_1;
	}

}
