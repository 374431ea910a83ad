package dev.wsecho.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The benchmark's command line, checked: every bad value is refused with a message naming
 * the option, before any connection is made.
 */
record BenchOptions(LoopbackTarget target, Mode mode, int conns, int inflight, int size, boolean binary, double rate,
		int idleConns, double durationSeconds, double warmupSeconds, double drainSeconds, double connectTimeoutSeconds,
		int connectConcurrency, int threads, long serverPid, boolean quiet, Client client, int h2Connections) {

	/** Which WebSocket client makes the connections. */
	enum Client {

		/** Our own, on the JDK's NIO: one TCP connection per WebSocket. */
		NIO,

		/** Jetty's, over HTTP/1.1: one TCP connection per WebSocket. */
		JETTY_HTTP1,

		/**
		 * Jetty's, over HTTP/2 with prior knowledge (h2c): each WebSocket an extended
		 * CONNECT stream (RFC 8441), spread over {@code h2Connections} TCP connections.
		 */
		JETTY_HTTP2

	}

	enum Mode {

		/** Each connection keeps {@code inflight} messages outstanding. */
		CLOSED,

		/**
		 * {@code rate} messages per second in all, on a schedule that does not wait for
		 * echoes.
		 */
		OPEN,

		/** {@code idleConns} connections opened and held without traffic. */
		IDLE,

		/**
		 * Sessions back to back, {@code conns} at a time: each connects, shakes hands,
		 * has one message echoed and closes with the close handshake.
		 */
		CHURN

	}

	static final int MAX_SIZE = 16 * 1024 * 1024;

	static final String USAGE = String.join("\n",
			"usage: java -jar wsecho-bench.jar --url ws://127.0.0.1:PORT/PATH [options]",
			"  --conns N               connections (default 10)",
			"  --inflight K            closed loop: messages in flight per connection (default 1)",
			"  --rate R                open loop: R messages/s in all, round-robin over the connections",
			"  --idle-conns N          open N connections, hold them --duration s, report server RSS per connection",
			"  --churn                 sessions back to back, --conns at a time: connect, handshake, one echo,",
			"                          close handshake; reports sessions/s and handshake and session latency",
			"  --size BYTES            payload size (default 32)",
			"  --text | --binary       message type (default text)",
			"  --duration S            measured seconds (default 10; idle: seconds held)",
			"  --warmup S              unmeasured seconds before the window (default 1)",
			"  --drain S               seconds to wait for the last echoes (default 2)",
			"  --connect-timeout S     bound on connecting every connection (default 30)",
			"  --connect-concurrency C handshakes at a time (default 64)",
			"  --threads T             event-loop threads, connections split between them (default 1)",
			"  --jetty                 use Jetty's WebSocket client over HTTP/1.1 (closed loop and idle only)",
			"  --http2                 use Jetty's WebSocket client over HTTP/2 (h2c, RFC 8441; closed loop and idle)",
			"  --h2-connections M      --http2: spread the WebSockets over M TCP connections (default 1)",
			"  --server-pid PID        sample the server's RSS and CPU from /proc/PID (Linux)",
			"  --quiet                 print only the RESULT line",
			"Over 20000 connections come from 127.0.0.1, 127.0.0.2, ... (20000 each), so the target must be IPv4;",
			"each connection is an open file: ulimit -n must be above the connections (the run checks first).");

	static BenchOptions parse(String... args) {
		String url = null;
		Integer conns = null;
		Integer inflight = null;
		int size = 32;
		boolean binary = false;
		Double rate = null;
		Integer idleConns = null;
		double duration = 10;
		double warmup = 1;
		double drain = 2;
		double connectTimeout = 30;
		int connectConcurrency = 64;
		int threads = 1;
		long serverPid = 0;
		boolean quiet = false;
		boolean churn = false;
		List<Client> clients = new ArrayList<>();
		Integer h2Connections = null;
		List<String> types = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			String option = args[i];
			switch (option) {
				case "--text", "--binary" -> {
					types.add(option);
					binary = option.equals("--binary");
				}
				case "--quiet" -> quiet = true;
				case "--churn" -> churn = true;
				case "--jetty" -> clients.add(Client.JETTY_HTTP1);
				case "--http2" -> clients.add(Client.JETTY_HTTP2);
				case "--h2-connections" -> h2Connections = (int) whole(args, i++, 1, 10_000);
				case "--url" -> url = value(args, i++);
				case "--conns" -> conns = (int) whole(args, i++, 1, 1_000_000);
				case "--inflight" -> inflight = (int) whole(args, i++, 1, 1_000_000);
				case "--size" -> size = (int) whole(args, i++, 0, MAX_SIZE);
				case "--rate" -> rate = number(args, i++, 0.001, 100_000_000);
				case "--idle-conns" -> idleConns = (int) whole(args, i++, 1, 1_000_000);
				case "--duration" -> duration = number(args, i++, 0.001, 86_400);
				case "--warmup" -> warmup = number(args, i++, 0, 86_400);
				case "--drain" -> drain = number(args, i++, 0, 600);
				case "--connect-timeout" -> connectTimeout = number(args, i++, 0.001, 600);
				case "--connect-concurrency" -> connectConcurrency = (int) whole(args, i++, 1, 100_000);
				case "--threads" -> threads = (int) whole(args, i++, 1, 256);
				case "--server-pid" -> serverPid = whole(args, i++, 1, Integer.MAX_VALUE);
				default -> throw new IllegalArgumentException("unknown option " + option);
			}
		}
		if (url == null) {
			throw new IllegalArgumentException("--url is required, e.g. --url ws://127.0.0.1:8080/ws/echo");
		}
		if (types.size() > 1) {
			throw new IllegalArgumentException("give one of --text and --binary, not both");
		}
		if (rate != null && inflight != null) {
			throw new IllegalArgumentException("--rate (open loop) and --inflight (closed loop) exclude each other");
		}
		if (idleConns != null && (rate != null || inflight != null || conns != null)) {
			throw new IllegalArgumentException("--idle-conns sends no messages: drop --conns, --inflight and --rate");
		}
		if (churn && (idleConns != null || rate != null || inflight != null)) {
			throw new IllegalArgumentException(
					"--churn sends one message per session: drop --idle-conns, --inflight and --rate");
		}
		if (clients.size() > 1) {
			throw new IllegalArgumentException("give one of --jetty and --http2, not both");
		}
		Client client = clients.isEmpty() ? Client.NIO : clients.get(0);
		if (h2Connections != null && client != Client.JETTY_HTTP2) {
			throw new IllegalArgumentException("--h2-connections needs --http2");
		}
		if (client != Client.NIO && (churn || rate != null)) {
			throw new IllegalArgumentException("--jetty and --http2 run the closed loop and idle modes only");
		}
		Mode mode = churn ? Mode.CHURN : (idleConns != null) ? Mode.IDLE : (rate != null) ? Mode.OPEN : Mode.CLOSED;
		BenchOptions options = new BenchOptions(LoopbackTarget.parse(url), mode, (conns != null) ? conns : 10,
				(inflight != null) ? inflight : 1, size, binary, (rate != null) ? rate : 0,
				(idleConns != null) ? idleConns : 0, duration, warmup, drain, connectTimeout, connectConcurrency,
				threads, serverPid, quiet, client, (h2Connections != null) ? h2Connections : 1);
		if (options.connections() > LoopbackTarget.CONNECTIONS_PER_SOURCE && !options.target().spreads()) {
			throw new IllegalArgumentException("over " + LoopbackTarget.CONNECTIONS_PER_SOURCE
					+ " connections come from several source addresses (127.0.0.1, 127.0.0.2, ...), "
					+ "so the target must be IPv4: use --url ws://127.0.0.1:PORT/PATH, not " + url);
		}
		return options;
	}

	/** Connections the run opens. */
	int connections() {
		return (this.mode == Mode.IDLE) ? this.idleConns : this.conns;
	}

	private static String value(String[] args, int i) {
		if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
			throw new IllegalArgumentException(args[i] + " needs a value");
		}
		return args[i + 1];
	}

	private static long whole(String[] args, int i, long min, long max) {
		long parsed = parsed(args, i, Long::valueOf, "a whole number");
		if (parsed < min || parsed > max) {
			throw new IllegalArgumentException(args[i] + " must be between " + min + " and " + max + ", got " + parsed);
		}
		return parsed;
	}

	private static double number(String[] args, int i, double min, double max) {
		double parsed = parsed(args, i, Double::valueOf, "a number");
		if (!(parsed >= min && parsed <= max)) {
			throw new IllegalArgumentException(
					args[i] + " must be between " + min + " and " + max + ", got " + value(args, i));
		}
		return parsed;
	}

	private static <T> T parsed(String[] args, int i, Function<String, T> parser, String kind) {
		String text = value(args, i);
		try {
			return parser.apply(text);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(args[i] + " needs " + kind + ", got '" + text + "'");
		}
	}

}
