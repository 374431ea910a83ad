package dev.wsecho.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;

/**
 * A {@code ws://} URL on this machine: the benchmark refuses any other host, so that it cannot be
 * pointed at somebody else's server by mistake (and {@code wss://} is not spoken).
 */
record LoopbackTarget(InetSocketAddress address, String hostHeader, String path) {

	static LoopbackTarget parse(String url) {
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("--url is not a URL: " + url);
		}
		if (!"ws".equalsIgnoreCase(uri.getScheme())) {
			throw new IllegalArgumentException("--url must start with ws:// (got " + url + ")");
		}
		String host = uri.getHost();
		if (host == null) {
			throw new IllegalArgumentException("--url has no host: " + url);
		}
		InetAddress address = loopbackAddress(host);
		int port = (uri.getPort() != -1) ? uri.getPort() : 80;
		String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) ? "/" : uri.getRawPath();
		if (uri.getRawQuery() != null) {
			path += "?" + uri.getRawQuery();
		}
		return new LoopbackTarget(new InetSocketAddress(address, port), host + ":" + port, path);
	}

	/** The address of a loopback host; names other than localhost are refused without a lookup. */
	static InetAddress loopbackAddress(String host) {
		String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
		InetAddress address = null;
		if (literal.equalsIgnoreCase("localhost")) {
			address = InetAddress.getLoopbackAddress();
		}
		else if (isIpLiteral(literal)) {
			try {
				address = InetAddress.getByName(literal);
			}
			catch (UnknownHostException ex) {
				address = null;
			}
		}
		if (address == null || !address.isLoopbackAddress()) {
			throw new IllegalArgumentException("only loopback targets are accepted (127.0.0.0/8, ::1, localhost); got "
					+ host + ": this tool is for measuring a server on this machine");
		}
		return address;
	}

	private static boolean isIpLiteral(String host) {
		return host.matches("[0-9.]+") || host.contains(":");
	}

	@Override
	public String toString() {
		return "ws://" + this.hostHeader + this.path;
	}

}
