package dev.wsecho.transport;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.HashMap;
import java.util.Map;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.ServerHttpAsyncRequestControl;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.support.JettyHeadersAdapter;

/**
 * A handshake request as Spring's handshake handler and interceptors read it, over
 * Jetty's core request rather than a servlet request: what {@link EarlyUpgradeHandler}
 * hands them. Its headers are Jetty's own, read in place; its attributes live only as
 * long as the handshake.
 */
final class CoreServerHttpRequest implements ServerHttpRequest {

	private final Request request;

	private final WebSocketComponents components;

	private final HttpHeaders headers;

	private final Map<String, Object> attributes = new HashMap<>(4);

	private @Nullable URI uri;

	/**
	 * @param request the request as Jetty parsed it
	 * @param components Jetty's WebSocket components of the context the endpoints live in
	 */
	CoreServerHttpRequest(Request request, WebSocketComponents components) {
		this.request = request;
		this.components = components;
		this.headers = new HttpHeaders(new JettyHeadersAdapter(request.getHeaders()));
	}

	Request jetty() {
		return this.request;
	}

	WebSocketComponents components() {
		return this.components;
	}

	@Override
	public HttpMethod getMethod() {
		return HttpMethod.valueOf(this.request.getMethod());
	}

	@Override
	public URI getURI() {
		URI uri = this.uri;
		if (uri == null) {
			uri = this.request.getHttpURI().toURI();
			this.uri = uri;
		}
		return uri;
	}

	@Override
	public HttpHeaders getHeaders() {
		return this.headers;
	}

	@Override
	public Map<String, Object> getAttributes() {
		return this.attributes;
	}

	@Override
	public @Nullable Principal getPrincipal() {
		// No servlet security runs before the handshake, so there is no user.
		return null;
	}

	@Override
	public @Nullable InetSocketAddress getLocalAddress() {
		return inet(this.request.getConnectionMetaData().getLocalSocketAddress());
	}

	@Override
	public @Nullable InetSocketAddress getRemoteAddress() {
		return inet(this.request.getConnectionMetaData().getRemoteSocketAddress());
	}

	private static @Nullable InetSocketAddress inet(@Nullable SocketAddress address) {
		return (address instanceof InetSocketAddress inet) ? inet : null;
	}

	@Override
	public ServerHttpAsyncRequestControl getAsyncRequestControl(ServerHttpResponse response) {
		throw new UnsupportedOperationException("A WebSocket handshake is never asynchronous");
	}

	@Override
	public InputStream getBody() {
		// A handshake has no body that anything reads.
		return InputStream.nullInputStream();
	}

	@Override
	public String toString() {
		return this.request.getMethod() + " " + this.request.getHttpURI();
	}

}
