package dev.wsecho.transport;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeFailureException;
import org.springframework.web.socket.server.support.HandshakeInterceptorChain;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

/**
 * Answers WebSocket handshakes to the registered endpoints ahead of Jetty's servlet
 * layers (session and security handlers, the servlet filters, the
 * {@code DispatcherServlet}), with the endpoint's own interceptors and handshake handler,
 * so a handshake costs what the handshake needs: those layers were half of a short
 * session's CPU. Every other request, and an upgrade to any other path, goes on to the
 * servlet context unchanged.
 *
 * <p>
 * Runs exactly what Spring's {@link WebSocketHttpRequestHandler} runs for a servlet
 * request, on a {@link CoreServerHttpRequest} and {@link CoreServerHttpResponse}; the
 * {@link JettyCoreUpgradeStrategy} then upgrades Jetty's core request directly. A failure
 * is logged and answered with 500, as the servlet path answers it.
 */
public final class EarlyUpgradeHandler extends Handler.Wrapper {

	private static final Log logger = LogFactory.getLog(EarlyUpgradeHandler.class);

	private final Supplier<Map<String, WebSocketHttpRequestHandler>> endpoints;

	private volatile @Nullable Routes routes;

	/**
	 * @param next the handler of every other request (the servlet context)
	 * @param endpoints the endpoints by path within the servlet context, read on the
	 * first handshake, once the application has started
	 */
	public EarlyUpgradeHandler(Handler next, Supplier<Map<String, WebSocketHttpRequestHandler>> endpoints) {
		super(next);
		this.endpoints = endpoints;
	}

	@Override
	public boolean handle(Request request, Response response, Callback callback) throws Exception {
		if (isHandshake(request)) {
			Routes routes = routes();
			WebSocketHttpRequestHandler endpoint = routes.byPath.get(Request.getPathInContext(request));
			if (endpoint != null) {
				CoreServerHttpResponse answer = new CoreServerHttpResponse(response);
				handshake(endpoint, new CoreServerHttpRequest(request, routes.components), answer);
				answer.complete(callback);
				return true;
			}
		}
		return super.handle(request, response, callback);
	}

	/**
	 * An HTTP/1.1 {@code GET} with {@code Upgrade: websocket}, or an HTTP/2
	 * {@code CONNECT} with {@code :protocol} {@code websocket} (RFC 8441).
	 */
	static boolean isHandshake(Request request) {
		String method = request.getMethod();
		if (HttpMethod.GET.is(method)) {
			return request.getHeaders().contains(HttpHeader.UPGRADE, "websocket");
		}
		return HttpMethod.CONNECT.is(method) && HandshakeProtocol.isHttp2(request)
				&& "websocket".equalsIgnoreCase(HandshakeProtocol.of(request).connectProtocol());
	}

	private void handshake(WebSocketHttpRequestHandler endpoint, CoreServerHttpRequest request,
			CoreServerHttpResponse response) {
		WebSocketHandler handler = endpoint.getWebSocketHandler();
		HandshakeInterceptorChain chain = new HandshakeInterceptorChain(endpoint.getHandshakeInterceptors(), handler);
		try {
			Map<String, Object> attributes = new HashMap<>();
			if (!chain.applyBeforeHandshake(request, response, attributes)) {
				return;
			}
			endpoint.getHandshakeHandler().doHandshake(request, response, handler, attributes);
			chain.applyAfterHandshake(request, response, null);
		}
		catch (Exception ex) {
			HandshakeFailureException failure = (ex instanceof HandshakeFailureException handshake) ? handshake
					: new HandshakeFailureException("Uncaught failure for request " + request.getURI(), ex);
			chain.applyAfterHandshake(request, response, failure);
			logger.error("WebSocket handshake " + request + " failed", failure);
			if (!response.jetty().isCommitted()) {
				response.getHeaders().clear();
				response.setStatusCode(HttpStatus.INTERNAL_SERVER_ERROR);
			}
		}
	}

	private Routes routes() {
		Routes routes = this.routes;
		if (routes == null) {
			ServletContextHandler context = getServer().getDescendant(ServletContextHandler.class);
			String prefix = "/".equals(context.getContextPath()) ? "" : context.getContextPath();
			Map<String, WebSocketHttpRequestHandler> byPath = new HashMap<>();
			this.endpoints.get().forEach((path, endpoint) -> byPath.put(prefix + path, endpoint));
			routes = new Routes(byPath,
					WebSocketServerComponents.ensureWebSocketComponents(context.getServer(), context));
			this.routes = routes;
		}
		return routes;
	}

	private record Routes(Map<String, WebSocketHttpRequestHandler> byPath, WebSocketComponents components) {
	}

}
