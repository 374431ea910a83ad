package dev.wsecho.transport;

import org.eclipse.jetty.ee11.servlet.ServletContextRequest;
import org.eclipse.jetty.server.Request;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;

/**
 * What a handshake interceptor may learn of the HTTP exchange under a handshake, whether
 * it came through the servlet layers or ahead of them ({@link EarlyUpgradeHandler}): how
 * it was answered, and whether Jetty completed it.
 */
public final class HandshakeExchange {

	private HandshakeExchange() {
	}

	/**
	 * Whether the handshake was accepted: 101 to an HTTP/1.1 upgrade, 200 to an HTTP/2
	 * {@code CONNECT} (RFC 8441).
	 */
	public static boolean upgraded(ServerHttpRequest request, ServerHttpResponse response) {
		int status;
		if (response instanceof CoreServerHttpResponse core) {
			status = core.status();
		}
		else if (response instanceof ServletServerHttpResponse servlet) {
			status = servlet.getServletResponse().getStatus();
		}
		else {
			return false;
		}
		return status == HttpStatus.SWITCHING_PROTOCOLS.value()
				|| (status == HttpStatus.OK.value() && "CONNECT".equals(request.getMethod().name()));
	}

	/**
	 * Runs {@code action} if Jetty fails the exchange after the handshake: the client was
	 * gone before the answer was out, and no connection will open.
	 */
	public static void onFailure(ServerHttpRequest request, Runnable action) {
		Request jetty = jetty(request);
		if (jetty == null) {
			return;
		}
		Request.addCompletionListener(jetty, (failure) -> {
			if (failure != null) {
				action.run();
			}
		});
	}

	private static @Nullable Request jetty(ServerHttpRequest request) {
		if (request instanceof CoreServerHttpRequest core) {
			return core.jetty();
		}
		if (request instanceof ServletServerHttpRequest servlet) {
			try {
				return ServletContextRequest.getServletContextRequest(servlet.getServletRequest());
			}
			catch (IllegalStateException ex) {
				// Not served by Jetty (a test's mock request): there is no exchange to
				// watch.
				return null;
			}
		}
		return null;
	}

}
