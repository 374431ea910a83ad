package dev.wsecho.lab;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

import dev.wsecho.transport.HandshakeProtocol;

/**
 * What the server saw of a client's handshake, for the {@code welcome} and {@code info}
 * replies; credentials ({@code Cookie}, {@code Authorization},
 * {@code Proxy-Authorization}) are shown only as present, never by value.
 *
 * @param instance which server answered, told apart behind a load balancer
 * @param session the session's id
 * @param path the raw path of the handshake request
 * @param query the decoded query parameters, by name
 * @param headers the handshake's headers, by name in any case, credentials redacted
 * @param origin the {@code Origin} header
 * @param remoteAddress the client's address as {@code host:port}, IPv6 hosts in brackets
 * @param subprotocol the subprotocol accepted, {@code null} for none
 * @param extensions the extensions accepted, each with its parameters
 * @param httpVersion the HTTP that carried the handshake: {@code HTTP/1.1} (an upgrade)
 * or {@code HTTP/2} (an extended {@code CONNECT}, RFC 8441)
 * @param connectProtocol over HTTP/2, the {@code :protocol} pseudo-header of the
 * {@code CONNECT}; {@code null} over HTTP/1.1
 */
record HandshakeDescription(String instance, String session, @Nullable String path, Map<String, List<String>> query,
		Map<String, List<String>> headers, @Nullable String origin, @Nullable String remoteAddress,
		@Nullable String subprotocol, List<String> extensions, String httpVersion, @Nullable String connectProtocol) {

	static final String REDACTED = "(redacted)";

	private static final Set<String> SECRET_HEADERS = Set.of("cookie", "authorization", "proxy-authorization");

	/**
	 * Describes the handshake of {@code session}, as the server {@code instanceId} saw
	 * it.
	 */
	static HandshakeDescription of(WebSocketSession session, String instanceId) {
		String protocol = session.getAcceptedProtocol();
		HandshakeProtocol carrier = HandshakeProtocol.of(session.getAttributes());
		return new HandshakeDescription(instanceId, session.getId(),
				(session.getUri() != null) ? session.getUri().getRawPath() : null, query(session),
				headers(session.getHandshakeHeaders()), session.getHandshakeHeaders().getOrigin(),
				address(session.getRemoteAddress()), (protocol != null && !protocol.isEmpty()) ? protocol : null,
				extensions(session.getExtensions()), carrier.httpVersion(), carrier.connectProtocol());
	}

	private static Map<String, List<String>> query(WebSocketSession session) {
		Map<String, List<String>> query = new TreeMap<>();
		if (session.getUri() != null) {
			UriComponentsBuilder.fromUri(session.getUri())
				.build()
				.getQueryParams()
				.forEach((name, values) -> query.put(UriUtils.decode(name, StandardCharsets.UTF_8),
						values.stream()
							.map((value) -> (value != null) ? UriUtils.decode(value, StandardCharsets.UTF_8) : "")
							.toList()));
		}
		return query;
	}

	private static Map<String, List<String>> headers(HttpHeaders headers) {
		Map<String, List<String>> shown = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		headers.forEach((name, values) -> shown.put(name, SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT))
				? values.stream().map((value) -> REDACTED).toList() : List.copyOf(values)));
		return shown;
	}

	private static @Nullable String address(@Nullable InetSocketAddress address) {
		if (address == null) {
			return null;
		}
		String host = (address.getAddress() != null) ? address.getAddress().getHostAddress() : address.getHostString();
		return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
	}

	private static List<String> extensions(List<WebSocketExtension> extensions) {
		List<String> names = new ArrayList<>();
		for (WebSocketExtension extension : extensions) {
			StringBuilder text = new StringBuilder(extension.getName());
			extension.getParameters().forEach((name, value) -> {
				text.append("; ").append(name);
				if (value != null && !value.isEmpty()) {
					text.append('=').append(value);
				}
			});
			names.add(text.toString());
		}
		return names;
	}

}
