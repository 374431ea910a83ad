package dev.wsecho.endpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

import dev.wsecho.transport.Compressors;
import dev.wsecho.transport.DeflateSettings;
import dev.wsecho.transport.JettyCoreUpgradeStrategy;

/**
 * The handshake every endpoint shares: a request that is not a WebSocket upgrade gets 426
 * with a sentence on how to connect, an unsupported version gets 426 naming version 13,
 * and {@code permessage-deflate} is negotiated only when compression is on:
 * {@link WebSocketEndpoints} sets that from {@code wsecho.compression} and
 * {@code wsecho.deflate} when it registers the endpoint, so that a feature's subclass
 * decides its subprotocols and nothing else. Every {@code permessage-deflate} offer goes
 * on to the transport, which answers the first one it can accept.
 */
public class EndpointHandshakeHandler extends DefaultHandshakeHandler {

	private final JettyCoreUpgradeStrategy strategy;

	private volatile boolean compression = true;

	public EndpointHandshakeHandler() {
		this(new JettyCoreUpgradeStrategy());
	}

	private EndpointHandshakeHandler(JettyCoreUpgradeStrategy strategy) {
		super(strategy);
		this.strategy = strategy;
		this.strategy.useCompression(new Compressors(DeflateSettings.DEFAULTS));
	}

	/**
	 * Negotiates {@code permessage-deflate} with clients that offer it on
	 * {@code compressors} (by default on compressors of its own with the default
	 * settings), or not at all when null.
	 */
	void negotiateCompression(@Nullable Compressors compressors) {
		this.compression = compressors != null;
		this.strategy.useCompression(compressors);
	}

	@Override
	protected void handleInvalidUpgradeHeader(ServerHttpRequest request, ServerHttpResponse response)
			throws IOException {
		upgradeRequired(request, response);
	}

	@Override
	protected void handleInvalidConnectHeader(ServerHttpRequest request, ServerHttpResponse response)
			throws IOException {
		upgradeRequired(request, response);
	}

	private void upgradeRequired(ServerHttpRequest request, ServerHttpResponse response) throws IOException {
		response.setStatusCode(HttpStatus.UPGRADE_REQUIRED);
		response.getHeaders().set("Upgrade", "websocket");
		response.getHeaders().set("Connection", "Upgrade");
		response.getHeaders().set(WebSocketHttpHeaders.SEC_WEBSOCKET_VERSION, "13");
		// A page served over https may only open wss:, so the example follows the scheme.
		String scheme = "https".equalsIgnoreCase(request.getURI().getScheme()) ? "wss" : "ws";
		String path = request.getURI().getPath();
		write(response,
				"This is a WebSocket endpoint. Connect with a WebSocket client, for example new WebSocket('" + scheme
						+ "://" + request.getHeaders().getFirst("Host") + path
						+ "') in a browser; the playground at / does it for you.");
	}

	@Override
	protected void handleWebSocketVersionNotSupported(ServerHttpRequest request, ServerHttpResponse response) {
		super.handleWebSocketVersionNotSupported(request, response);
		String version = request.getHeaders().getFirst(WebSocketHttpHeaders.SEC_WEBSOCKET_VERSION);
		try {
			write(response,
					"Unsupported Sec-WebSocket-Version " + version + "; this server speaks version 13 (RFC 6455).");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	protected List<WebSocketExtension> filterRequestedExtensions(ServerHttpRequest request,
			List<WebSocketExtension> requested, List<WebSocketExtension> supported) {
		// Spring's own filter compares each offer's parameters with the supported
		// extension's (none), so it kept only a bare permessage-deflate.
		if (!this.compression) {
			return List.of();
		}
		return requested.stream()
			.filter((offer) -> supported.stream()
				.anyMatch((extension) -> extension.getName().equalsIgnoreCase(offer.getName())))
			.toList();
	}

	private static void write(ServerHttpResponse response, String text) throws IOException {
		response.getHeaders().setContentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8));
		response.getBody().write((text + "\n").getBytes(StandardCharsets.UTF_8));
	}

}
