package dev.wsecho.bench;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints a run for people (a short summary) and for scripts (one
 * {@code RESULT key=value ...} line, with the keys the wsbench harness uses, so both
 * tools' outputs can be compared).
 */
final class Report {

	private Report() {
	}

	static void print(PrintStream out, BenchResult result) {
		BenchOptions options = result.options();
		Tally tally = result.tally();
		if (!options.quiet()) {
			out.println(summary(result));
			for (String problem : result.problems()) {
				out.println("  problem      " + problem);
			}
		}
		out.println(resultLine(result));
		out.flush();
	}

	static String summary(BenchResult result) {
		BenchOptions options = result.options();
		Tally tally = result.tally();
		StringBuilder text = new StringBuilder();
		String what = switch (options.mode()) {
			case CLOSED -> "closed loop, " + options.inflight() + " in flight per connection";
			case OPEN -> "open loop, " + format("%,.0f", options.rate()) + " msgs/s in all";
			case IDLE -> "idle connections, held " + format("%.1f", options.durationSeconds()) + " s";
			case CHURN -> "churn, " + options.conns() + " sessions at a time: connect, handshake, one echo, close";
		};
		line(text, "target", options.target() + "  (" + what + ")");
		if (options.client() != BenchOptions.Client.NIO) {
			line(text, "client",
					(options.client() == BenchOptions.Client.JETTY_HTTP2)
							? "Jetty's, HTTP/2 (h2c), the WebSockets spread over " + options.h2Connections()
									+ " TCP connections"
							: "Jetty's, HTTP/1.1, a TCP connection per WebSocket");
		}
		if (options.mode() == BenchOptions.Mode.CHURN) {
			line(text, "sessions",
					format("%,.0f sessions/s", result.sessionsPerSecond()) + " (" + format("%,d", tally.sessions)
							+ " ended cleanly in the window); " + tally.sessionsFailed + " failed ("
							+ tally.uncleanCloses + " without the server's close frame, " + tally.badCloses
							+ " with a code other than 1000)");
			line(text, "handshake us", percentiles(tally.handshakes) + "  (connect start to 101)");
			line(text, "session us", percentiles(tally.sessionTimes) + "  (connect start to the server's close)");
		}
		else {
			line(text, "connections", options.connections() + " requested, " + tally.opened + " opened, "
					+ tally.connectFailures + " failed, in " + format("%.2f", result.connectSeconds()) + " s");
		}
		if (options.mode() != BenchOptions.Mode.IDLE) {
			line(text, "messages",
					options.size() + " B " + (options.binary() ? "binary" : "text") + "; "
							+ format("%.1f", options.warmupSeconds()) + " s warm-up excluded, "
							+ format("%.1f", result.windowSeconds()) + " s measured");
			line(text, "throughput",
					format("%,.0f msgs/s   %.2f MB/s", result.messagesPerSecond(), result.megabytesPerSecond())
							+ " (echoed payload, one direction, 10^6 B)");
			line(text, "latency us",
					format("p50 %.1f  p99 %.1f  p99.9 %.1f  mean %.1f  max %.1f", result.percentileMicros(0.50),
							result.percentileMicros(0.99), result.percentileMicros(0.999), result.meanMicros(),
							result.maxMicros())
							+ ((options.mode() == BenchOptions.Mode.OPEN) ? "  (from the intended send time)"
									: "  (send to echo)"));
			line(text, "verified",
					format("%,d", tally.echoed) + " echoes byte for byte: " + tally.mismatches + " mismatches");
		}
		line(text, "errors", result.errors() + " (io " + tally.ioErrors + ", protocol " + tally.protocolErrors
				+ ", closed by server " + tally.peerClosed + ", lost " + tally.lost + ", unsolicited "
				+ tally.unsolicited + ", failed connections " + tally.connectFailures + ")"
				+ ((tally.skipped > 0) ? "; " + tally.skipped + " open-loop sends skipped (too many in flight)" : ""));
		line(text, "client cpu", format("%.0f%% of one core (this JVM, all threads)", result.clientCpuPercent()));
		if (options.serverPid() > 0) {
			ServerProcess.Sample end = result.serverAtEnd();
			if (options.mode() == BenchOptions.Mode.IDLE) {
				line(text, "server",
						"pid " + options.serverPid() + ": RSS " + mb(result.serverBefore().rssKb()) + " MB before, "
								+ mb(end.rssKb()) + " MB with " + tally.opened + " open: "
								+ format("%,d", result.rssPerConnectionBytes()) + " B per connection");
			}
			else {
				line(text, "server", "pid " + options.serverPid() + ": CPU " + format("%.0f", result.serverCpuPercent())
						+ "% of one core, RSS " + mb(end.rssKb()) + " MB (peak " + mb(end.hwmKb()) + " MB)");
			}
		}
		return text.toString().stripTrailing();
	}

	static String resultLine(BenchResult result) {
		BenchOptions options = result.options();
		Tally tally = result.tally();
		StringBuilder line = new StringBuilder("RESULT");
		field(line, "mode", options.mode().name().toLowerCase(Locale.ROOT));
		if (options.client() != BenchOptions.Client.NIO) {
			field(line, "client", clientName(options.client()));
		}
		if (options.client() == BenchOptions.Client.JETTY_HTTP2) {
			field(line, "h2_conns", options.h2Connections());
			field(line, "tcp_conns", tally.tcpConnections);
		}
		field(line, "conns", options.connections());
		field(line, "established", tally.opened);
		field(line, "connect_s", format("%.3f", result.connectSeconds()));
		if (options.mode() != BenchOptions.Mode.IDLE) {
			field(line, "inflight", (options.mode() == BenchOptions.Mode.CLOSED) ? options.inflight() : 0);
			field(line, "size", options.size());
			field(line, "type", options.binary() ? "binary" : "text");
			field(line, "rate", format("%.0f", options.rate()));
			field(line, "duration_s", format("%.2f", result.windowSeconds()));
			field(line, "msgs", result.messages());
			field(line, "msgs_per_s", format("%.0f", result.messagesPerSecond()));
			field(line, "mb_per_s", format("%.3f", result.megabytesPerSecond()));
			field(line, "p50_us", format("%.1f", result.percentileMicros(0.50)));
			field(line, "p99_us", format("%.1f", result.percentileMicros(0.99)));
			field(line, "p999_us", format("%.1f", result.percentileMicros(0.999)));
			field(line, "mean_us", format("%.1f", result.meanMicros()));
			field(line, "max_us", format("%.1f", result.maxMicros()));
		}
		if (options.mode() == BenchOptions.Mode.CHURN) {
			field(line, "sessions", tally.sessions);
			field(line, "churn_per_s", format("%.1f", result.sessionsPerSecond()));
			micros(line, "hs", tally.handshakes);
			micros(line, "session", tally.sessionTimes);
			field(line, "sessions_failed", tally.sessionsFailed);
			field(line, "unclean_close", tally.uncleanCloses);
			field(line, "bad_close", tally.badCloses);
		}
		field(line, "mismatches", tally.mismatches);
		field(line, "errors", result.errors());
		field(line, "conn_fail", tally.connectFailures);
		field(line, "lost", tally.lost);
		field(line, "skipped", tally.skipped);
		field(line, "client_cpu_pct", format("%.1f", result.clientCpuPercent()));
		if (options.serverPid() > 0) {
			field(line, "server_cpu_pct", format("%.1f", result.serverCpuPercent()));
			field(line, "server_rss_kb", result.serverAtEnd().rssKb());
			field(line, "server_hwm_kb", result.serverAtEnd().hwmKb());
			if (options.mode() == BenchOptions.Mode.IDLE) {
				field(line, "rss_before_kb", result.serverBefore().rssKb());
				field(line, "rss_kb", result.serverAtEnd().rssKb());
				field(line, "rss_per_conn_b", result.rssPerConnectionBytes());
			}
		}
		return line.toString();
	}

	private static String clientName(BenchOptions.Client client) {
		return (client == BenchOptions.Client.JETTY_HTTP2) ? "jetty-h2" : "jetty-h1";
	}

	private static String percentiles(LatencyHistogram histogram) {
		return format("p50 %.1f  p99 %.1f  p99.9 %.1f", histogram.percentileNanos(0.50) / 1e3,
				histogram.percentileNanos(0.99) / 1e3, histogram.percentileNanos(0.999) / 1e3);
	}

	private static void micros(StringBuilder line, String prefix, LatencyHistogram histogram) {
		field(line, prefix + "_p50_us", format("%.1f", histogram.percentileNanos(0.50) / 1e3));
		field(line, prefix + "_p99_us", format("%.1f", histogram.percentileNanos(0.99) / 1e3));
		field(line, prefix + "_p999_us", format("%.1f", histogram.percentileNanos(0.999) / 1e3));
	}

	private static void line(StringBuilder text, String label, String value) {
		text.append(String.format(Locale.ROOT, "  %-12s %s%n", label, value));
	}

	private static void field(StringBuilder line, String key, Object value) {
		line.append(' ').append(key).append('=').append(value);
	}

	private static String mb(long kilobytes) {
		return format("%.1f", kilobytes / 1024.0);
	}

	private static String format(String pattern, Object... values) {
		return String.format(Locale.ROOT, pattern, values);
	}

}
