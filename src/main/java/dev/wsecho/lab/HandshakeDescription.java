package dev.wsecho.lab;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Describes what the server saw of a client's handshake, for the {@code welcome} and
 * {@code info} replies; credentials ({@code Cookie}, {@code Authorization},
 * {@code Proxy-Authorization}) are shown only as present, never by value.
 */
final class HandshakeDescription {

	static final String REDACTED = "(redacted)";

	private static final Set<String> SECRET_HEADERS = Set.of("cookie", "authorization", "proxy-authorization");

	private HandshakeDescription() {
	}

	/** The description as a JSON object of the given {@code type}. */
	static Map<String, Object> of(String type, WebSocketSession session, String instanceId) {
		Map<String, Object> description = new LinkedHashMap<>();
		description.put("type", type);
		description.put("instance", instanceId);
		description.put("session", session.getId());
		description.put("path", (session.getUri() != null) ? session.getUri().getRawPath() : null);
		description.put("query", query(session));
		description.put("headers", headers(session.getHandshakeHeaders()));
		description.put("origin", session.getHandshakeHeaders().getOrigin());
		description.put("remoteAddress", address(session.getRemoteAddress()));
		String protocol = session.getAcceptedProtocol();
		description.put("subprotocol", (protocol != null && !protocol.isEmpty()) ? protocol : null);
		description.put("extensions", extensions(session.getExtensions()));
		return description;
	}

	private static Map<String, List<String>> query(WebSocketSession session) {
		Map<String, List<String>> query = new TreeMap<>();
		if (session.getUri() != null) {
			UriComponentsBuilder.fromUri(session.getUri()).build().getQueryParams().forEach((name, values) ->
				query.put(UriUtils.decode(name, StandardCharsets.UTF_8), values.stream()
					.map((value) -> (value != null) ? UriUtils.decode(value, StandardCharsets.UTF_8) : "")
					.toList()));
		}
		return query;
	}

	private static Map<String, List<String>> headers(HttpHeaders headers) {
		Map<String, List<String>> shown = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		headers.forEach((name, values) -> shown.put(name,
				SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT))
						? values.stream().map((value) -> REDACTED).toList() : List.copyOf(values)));
		return shown;
	}

	private static String address(InetSocketAddress address) {
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
