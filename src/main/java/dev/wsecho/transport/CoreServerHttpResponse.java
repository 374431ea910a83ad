package dev.wsecho.transport;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.ServerHttpResponse;

/**
 * The answer to a handshake as Spring's handshake handler and interceptors write it, over
 * Jetty's core response: a refusal's status, headers and short body are held and written
 * in one piece by {@link #complete}, while a handshake that succeeds is answered by
 * Jetty's handshaker itself (101, or 200 over HTTP/2), with any header set before it.
 */
final class CoreServerHttpResponse implements ServerHttpResponse {

	private final Response response;

	private final HttpHeaders headers = new HttpHeaders();

	private @Nullable ByteArrayOutputStream body;

	CoreServerHttpResponse(Response response) {
		this.response = response;
	}

	Response jetty() {
		return this.response;
	}

	/** The status set so far: 200 until something sets one. */
	int status() {
		return this.response.getStatus();
	}

	@Override
	public void setStatusCode(HttpStatusCode status) {
		this.response.setStatus(status.value());
	}

	@Override
	public HttpHeaders getHeaders() {
		return this.headers;
	}

	@Override
	public OutputStream getBody() {
		ByteArrayOutputStream body = this.body;
		if (body == null) {
			body = new ByteArrayOutputStream(128);
			this.body = body;
		}
		return body;
	}

	@Override
	public void flush() {
		// Written whole by complete(): a refusal is a few lines.
	}

	@Override
	public void close() {
		// Written whole by complete().
	}

	/**
	 * Moves the headers set so far onto Jetty's response, for the handshaker to send with
	 * its own.
	 */
	void applyHeaders() {
		for (Map.Entry<String, List<String>> header : this.headers.headerSet()) {
			this.response.getHeaders().put(header.getKey(), header.getValue());
		}
		this.headers.clear();
	}

	/**
	 * Ends the exchange: a response Jetty's handshaker has already sent is complete; any
	 * other is written now, with what was set on it.
	 */
	void complete(Callback callback) {
		if (this.response.isCommitted()) {
			callback.succeeded();
			return;
		}
		applyHeaders();
		ByteArrayOutputStream body = this.body;
		ByteBuffer content = (body != null) ? ByteBuffer.wrap(body.toByteArray()) : null;
		this.response.getHeaders()
			.put(HttpHeader.CONTENT_LENGTH, String.valueOf((content != null) ? content.remaining() : 0));
		this.response.write(true, content, callback);
	}

}
