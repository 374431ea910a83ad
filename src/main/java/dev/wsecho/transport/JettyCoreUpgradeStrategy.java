package dev.wsecho.transport;

import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletCoreRequest;
import org.eclipse.jetty.ee11.servlet.ServletCoreResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.Extension;
import org.eclipse.jetty.websocket.core.ExtensionConfig;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.server.Handshaker;
import org.eclipse.jetty.websocket.core.WebSocketExtensionRegistry;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.server.HandshakeFailureException;
import org.springframework.web.socket.server.RequestUpgradeStrategy;

/**
 * Completes a handshake that Spring's handshake handler has accepted by upgrading the
 * connection to Jetty's core WebSocket, with a {@link CoreWebSocketSession} and the
 * endpoint's handler on it.
 *
 * <p>
 * Spring's own Jetty strategy goes through Jetty's WebSocket API, which delivers no
 * message parts to Spring and writes each frame alone; this one works on frames (see
 * {@link BatchingConnection} for the writes). The connections of a
 * {@link NonBlockingHandler} are read on Jetty's selector thread, the others on its pool.
 * Offers {@code permessage-deflate}; the handshake handler decides whether an endpoint
 * keeps it, and this strategy settles its parameters ({@link DeflateNegotiation}) and
 * runs it as {@link PerMessageDeflate} on the {@link Compressors} it is given, in place
 * of Jetty's own extension (which accepts no window size and holds its compressor for the
 * connection's life).
 *
 * <p>
 * An HTTP/1.1 upgrade ({@link BatchingHandshaker}) and an HTTP/2 extended {@code CONNECT}
 * (RFC 8441, {@link Http2Handshaker}) end in the same session and connection classes;
 * which of the two carried the handshake is kept in the session's attributes
 * ({@link HandshakeProtocol}).
 */
public final class JettyCoreUpgradeStrategy implements RequestUpgradeStrategy {

	private static final String[] VERSIONS = { "13" };

	private static final List<WebSocketExtension> EXTENSIONS = List.of(new WebSocketExtension("permessage-deflate"));

	private final BatchingHandshaker pooled = new BatchingHandshaker(false);

	private final BatchingHandshaker eventLoop = new BatchingHandshaker(true);

	private final Http2Handshaker pooledOverHttp2 = new Http2Handshaker(false);

	private final Http2Handshaker eventLoopOverHttp2 = new Http2Handshaker(true);

	private final TransportSettings settings;

	private volatile @Nullable Compressors compressors;

	/**
	 * Jetty's components for the context, with {@link PerMessageDeflate} in its registry.
	 */
	private volatile @Nullable Components components;

	public JettyCoreUpgradeStrategy() {
		this(TransportSettings.DEFAULTS);
	}

	JettyCoreUpgradeStrategy(TransportSettings settings) {
		this.settings = settings;
	}

	/**
	 * Negotiates {@code permessage-deflate} on {@code compressors}, or declines it when
	 * null.
	 */
	public void useCompression(@Nullable Compressors compressors) {
		this.compressors = compressors;
	}

	@Override
	public String[] getSupportedVersions() {
		return VERSIONS;
	}

	@Override
	public List<WebSocketExtension> getSupportedExtensions(ServerHttpRequest request) {
		return EXTENSIONS;
	}

	@Override
	public void upgrade(ServerHttpRequest request, ServerHttpResponse response, @Nullable String selectedProtocol,
			List<WebSocketExtension> selectedExtensions, @Nullable Principal user, WebSocketHandler handler,
			Map<String, Object> attributes) throws HandshakeFailureException {
		Request coreRequest;
		Response coreResponse;
		WebSocketComponents components;
		if (request instanceof CoreServerHttpRequest core && response instanceof CoreServerHttpResponse answer) {
			// Answered ahead of the servlet layers (EarlyUpgradeHandler).
			coreRequest = core.jetty();
			coreResponse = answer.jetty();
			answer.applyHeaders();
			components = components(core.components());
		}
		else if (request instanceof ServletServerHttpRequest servletRequest
				&& response instanceof ServletServerHttpResponse servletResponse) {
			HttpServletRequest httpRequest = servletRequest.getServletRequest();
			HttpServletResponse httpResponse = servletResponse.getServletResponse();
			ServletContextHandler context = ServletContextHandler
				.getServletContextHandler(httpRequest.getServletContext());
			components = components(WebSocketServerComponents.ensureWebSocketComponents(context.getServer(), context));
			coreRequest = ServletCoreRequest.wrap(httpRequest);
			coreResponse = ServletCoreResponse.wrap(coreRequest, httpResponse, false);
		}
		else {
			throw new HandshakeFailureException("A request served by Jetty is required, not " + request);
		}
		attributes.put(HandshakeProtocol.ATTRIBUTE, HandshakeProtocol.of(coreRequest));

		// The connector's scheduler, as the connection's own: the stall checks run there.
		CoreWebSocketSession session = new CoreWebSocketSession(request.getURI(),
				HttpHeaders.copyOf(request.getHeaders()), attributes, user, this.settings,
				coreRequest.getConnectionMetaData().getConnector().getScheduler());
		Set<String> extensions = selectedExtensions.stream()
			.map((extension) -> extension.getName().toLowerCase(Locale.ROOT))
			.collect(Collectors.toSet());
		Negotiator negotiator = new Negotiator(new FrameDispatcher(session, handler), selectedProtocol, extensions,
				this.settings, this.compressors);
		boolean nonBlocking = WebSocketHandlerDecorator.unwrap(handler) instanceof NonBlockingHandler;
		Handshaker handshaker = HandshakeProtocol.isHttp2(coreRequest)
				? (nonBlocking ? this.eventLoopOverHttp2 : this.pooledOverHttp2)
				: (nonBlocking ? this.eventLoop : this.pooled);
		try (Blocker.Callback upgraded = Blocker.callback()) {
			if (!handshaker.upgradeRequest(negotiator, coreRequest, coreResponse, upgraded, components, null)) {
				throw new HandshakeFailureException("Not a WebSocket upgrade request: " + request.getURI());
			}
			upgraded.block();
		}
		catch (HandshakeFailureException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new HandshakeFailureException("Upgrade to WebSocket failed: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Jetty's components for {@code jetty}'s context, with {@link PerMessageDeflate} as
	 * its {@code permessage-deflate}: made once, on the first handshake, as Jetty makes
	 * its own.
	 */
	private WebSocketComponents components(WebSocketComponents jetty) {
		Components components = this.components;
		if (components == null || components.jetty != jetty) {
			components = new Components(jetty, new WebSocketComponents(new Registry(), jetty.getObjectFactory(),
					jetty.getByteBufferPool(), jetty.getInflaterPool(), jetty.getDeflaterPool(), jetty.getExecutor()));
			this.components = components;
		}
		return components.ours;
	}

	private record Components(WebSocketComponents jetty, WebSocketComponents ours) {
	}

	/**
	 * Jetty's extensions, except that {@code permessage-deflate} is a
	 * {@link PerMessageDeflate} on this strategy's compressors.
	 */
	private final class Registry extends WebSocketExtensionRegistry {

		@Override
		public Extension newInstance(ExtensionConfig config, WebSocketComponents components) {
			Compressors compressors = JettyCoreUpgradeStrategy.this.compressors;
			if (!DeflateAgreement.NAME.equalsIgnoreCase(config.getName()) || compressors == null) {
				return super.newInstance(config, components);
			}
			PerMessageDeflate extension = new PerMessageDeflate(compressors);
			extension.init(config, components);
			return extension;
		}

	}

	/**
	 * Accepts what Spring's handshake handler chose, with the parameters of
	 * {@code permessage-deflate} settled here, and sets up the connection's buffers.
	 */
	private static final class Negotiator implements WebSocketNegotiator {

		private final FrameHandler frameHandler;

		private final @Nullable String protocol;

		private final Set<String> extensions;

		private final TransportSettings settings;

		private final @Nullable Compressors compressors;

		Negotiator(FrameHandler frameHandler, @Nullable String protocol, Set<String> extensions,
				TransportSettings settings, @Nullable Compressors compressors) {
			this.frameHandler = frameHandler;
			this.protocol = protocol;
			this.extensions = extensions;
			this.settings = settings;
			this.compressors = compressors;
		}

		@Override
		public FrameHandler negotiate(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
			if (this.protocol != null) {
				response.setAcceptedSubProtocol(this.protocol);
			}
			// Jetty proposes every extension the client offered that it knows, each offer
			// as it came; answer the first acceptable permessage-deflate offer, if it was
			// chosen.
			DeflateAgreement deflate = (this.compressors != null && this.extensions.contains(DeflateAgreement.NAME))
					? DeflateNegotiation.negotiate(request.getExtensions(), this.compressors.settings()) : null;
			response.setExtensions((deflate != null) ? List.of(deflate.answer()) : List.of());
			return this.frameHandler;
		}

		@Override
		public void customize(Configuration configuration) {
			// Idle and keep-alive are wsecho's own (connection.KeepAlive); Jetty's would
			// close at 30 s.
			configuration.setIdleTimeout(Duration.ZERO);
			configuration.setInputBufferSize(this.settings.readBufferSize());
			configuration.setOutputBufferSize(this.settings.writeBufferSize());
			// Frames larger than a read are handed on in parts: streaming, whatever the
			// frame size; and frames are sent as the handler made them, not cut at an
			// arbitrary size.
			configuration.setAutoFragment(true);
			configuration.setMaxFrameSize(0);
		}

	}

}
