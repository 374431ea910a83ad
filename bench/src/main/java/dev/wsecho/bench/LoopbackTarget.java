package dev.wsecho.bench;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;

/**
 * A {@code ws://} URL on this machine: the benchmark refuses any other host, so that it
 * cannot be pointed at somebody else's server by mistake (and {@code wss://} is not
 * spoken).
 */
record LoopbackTarget(InetSocketAddress address, String hostHeader, String path) {

	/**
	 * Connections per source address in a run that needs more than one. Each connection
	 * from one source address to one server ip:port takes an ephemeral port of its own,
	 * and Linux has about 28,000 ({@code ip_local_port_range} 32768–60999), shared with
	 * every other socket on the machine, those in TIME_WAIT after an earlier run
	 * included: 20,000 leaves room for them.
	 */
	static final int CONNECTIONS_PER_SOURCE = 20_000;

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

	/**
	 * The address of a loopback host; names other than localhost are refused without a
	 * lookup.
	 */
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

	/**
	 * True if runs of any size fit: an IPv4 target can be reached from many source
	 * addresses.
	 */
	boolean spreads() {
		return this.address.getAddress() instanceof Inet4Address;
	}

	/**
	 * The local address connection {@code index} of {@code connections} binds before
	 * connecting, or null to leave it to the kernel, as for any run up to
	 * {@link #CONNECTIONS_PER_SOURCE}. Larger runs would run out of ephemeral ports on
	 * one address, so they take 127.0.0.1 for the first 20,000, 127.0.0.2 for the next,
	 * and so on: on Linux all of 127.0.0.0/8 is this machine, and each address has ports
	 * of its own (port 0: any free one). IPv6 has only {@code ::1}.
	 */
	InetSocketAddress source(int index, int connections) {
		if (connections <= CONNECTIONS_PER_SOURCE || !spreads()) {
			return null;
		}
		return address(0x7F000001 + index / CONNECTIONS_PER_SOURCE);
	}

	/**
	 * The local address session {@code session} of a churn run binds: 127.0.0.2 to
	 * 127.0.0.254 in turn for an IPv4 target, so that the connections already closed,
	 * each held in TIME_WAIT for about 60 s, do not use up the ephemeral ports of one
	 * address; null (the kernel picks) for {@code ::1}.
	 */
	InetSocketAddress churnSource(long session) {
		if (!spreads()) {
			return null;
		}
		return address(0x7F000002 + (int) (session % 253));
	}

	private static InetSocketAddress address(int ip) {
		byte[] octets = { (byte) (ip >>> 24), (byte) (ip >>> 16), (byte) (ip >>> 8), (byte) ip };
		try {
			return new InetSocketAddress(InetAddress.getByAddress(octets), 0);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static boolean isIpLiteral(String host) {
		return host.matches("[0-9.]+") || host.contains(":");
	}

	@Override
	public String toString() {
		return "ws://" + this.hostHeader + this.path;
	}

}
