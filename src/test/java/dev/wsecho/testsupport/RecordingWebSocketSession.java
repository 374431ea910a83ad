package dev.wsecho.testsupport;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * A session that records what a handler sends, the message size limits it sets and how it
 * closes, for unit tests.
 */
public class RecordingWebSocketSession implements WebSocketSession {

	public final List<WebSocketMessage<?>> sent = new ArrayList<>();

	public final List<CloseStatus> closes = new ArrayList<>();

	private final Map<String, Object> attributes = new HashMap<>();

	private final String id;

	private final URI uri;

	private final @Nullable String acceptedProtocol;

	private int textMessageSizeLimit;

	private int binaryMessageSizeLimit;

	public RecordingWebSocketSession() {
		this("test-1");
	}

	public RecordingWebSocketSession(String id) {
		this(id, URI.create("ws://localhost/ws/echo"), null);
	}

	/**
	 * A session after a handshake on {@code uri} in which the server selected
	 * {@code acceptedProtocol}.
	 */
	public RecordingWebSocketSession(String id, URI uri, @Nullable String acceptedProtocol) {
		this.id = id;
		this.uri = uri;
		this.acceptedProtocol = acceptedProtocol;
	}

	@Override
	public String getId() {
		return this.id;
	}

	@Override
	public URI getUri() {
		return this.uri;
	}

	@Override
	public HttpHeaders getHandshakeHeaders() {
		return new HttpHeaders();
	}

	@Override
	public Map<String, Object> getAttributes() {
		return this.attributes;
	}

	@Override
	public Principal getPrincipal() {
		return null;
	}

	@Override
	public InetSocketAddress getLocalAddress() {
		return new InetSocketAddress("127.0.0.1", 8080);
	}

	@Override
	public InetSocketAddress getRemoteAddress() {
		return new InetSocketAddress("127.0.0.1", 50000);
	}

	@Override
	public @Nullable String getAcceptedProtocol() {
		return this.acceptedProtocol;
	}

	@Override
	public void setTextMessageSizeLimit(int messageSizeLimit) {
		this.textMessageSizeLimit = messageSizeLimit;
	}

	@Override
	public int getTextMessageSizeLimit() {
		return this.textMessageSizeLimit;
	}

	@Override
	public void setBinaryMessageSizeLimit(int messageSizeLimit) {
		this.binaryMessageSizeLimit = messageSizeLimit;
	}

	@Override
	public int getBinaryMessageSizeLimit() {
		return this.binaryMessageSizeLimit;
	}

	@Override
	public List<WebSocketExtension> getExtensions() {
		return List.of();
	}

	@Override
	public void sendMessage(WebSocketMessage<?> message) {
		if (!isOpen()) {
			throw new IllegalStateException("Session is closed");
		}
		this.sent.add(message);
	}

	@Override
	public boolean isOpen() {
		return this.closes.isEmpty();
	}

	@Override
	public void close() {
		close(CloseStatus.NORMAL);
	}

	@Override
	public void close(CloseStatus status) {
		this.closes.add(status);
	}

}
