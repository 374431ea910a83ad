package dev.wsecho.bench;

import java.net.InetAddress;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one hostile client ({@link HostileAttack}) at full scale against a wsecho on this
 * machine while a {@link WellBehavedClient} echoes alongside, from the first byte of the
 * attack to its last answer, and prints what the server did, its peak RSS growth (sampled
 * from {@code /proc} every 10 ms) and the well-behaved client's round trip. Exit status 0
 * only when the server did what its docs say, stayed up, and every echo of the
 * well-behaved client came back right; 2 for a bad command line.
 *
 * <pre>java -cp bench/target/wsecho-bench.jar dev.wsecho.bench.HostileClients --url ws://127.0.0.1:8080/ws/echo --server-pid PID --attack slowloris</pre>
 */
public final class HostileClients {

	static final String USAGE = String.join("\n",
			"usage: java -cp wsecho-bench.jar dev.wsecho.bench.HostileClients --url ws://127.0.0.1:PORT/ws/echo "
					+ "--server-pid PID --attack NAME [--from 127.0.0.2]",
			"  --attack NAME   one of none (the baseline), bomb, fragments, slowloris, storm, headers, ping-flood, bad-close, half-open, per-address",
			"  --from ADDRESS  the attacker's source address (default 127.0.0.2; the well-behaved client uses 127.0.0.1)",
			"bench/hostile.sh starts a fresh server with the settings each attack assumes and runs them all.");

	private HostileClients() {
	}

	public static void main(String[] args) throws Exception {
		String url = null;
		long pid = 0;
		HostileAttack attack = null;
		String from = "127.0.0.2";
		try {
			for (int i = 0; i < args.length; i++) {
				String value = (i + 1 < args.length) ? args[i + 1] : "";
				switch (args[i]) {
					case "--url" -> url = value;
					case "--server-pid" -> pid = Long.parseLong(value);
					case "--attack" -> attack = HostileAttack.named(value);
					case "--from" -> from = value;
					default -> throw new IllegalArgumentException("unknown option " + args[i]);
				}
				i++;
			}
			if (url == null || pid <= 0 || attack == null) {
				throw new IllegalArgumentException("--url, --server-pid and --attack are required");
			}
			ServerProcess.requireReadable(pid);
		}
		catch (IllegalArgumentException ex) {
			System.err.println("HostileClients: " + ex.getMessage());
			System.err.println(USAGE);
			System.exit(2);
			return;
		}
		LoopbackTarget target = LoopbackTarget.parse(url);
		Row row = run(target, LoopbackTarget.loopbackAddress(from), new ServerProcess(pid), attack);
		System.out.println(row.summary());
		System.out.println(row.markdown());
		System.exit(row.passed() ? 0 : 1);
	}

	static Row run(LoopbackTarget target, InetAddress from, ServerProcess server, HostileAttack attack)
			throws Exception {
		long baseline = server.sample().rssKb();
		AtomicLong peak = new AtomicLong(baseline);
		Thread sampler = new Thread(() -> {
			while (!Thread.currentThread().isInterrupted()) {
				peak.accumulateAndGet(server.sample().rssKb(), Math::max);
				try {
					TimeUnit.MILLISECONDS.sleep(10);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}, "rss-sampler");
		sampler.setDaemon(true);
		sampler.start();
		WellBehavedClient wellBehaved = WellBehavedClient.start(target, LoopbackTarget.loopbackAddress("127.0.0.1"));
		// A second of echoes before the attack, so that its figures start from calm.
		TimeUnit.SECONDS.sleep(1);
		HostileAttack.Outcome outcome;
		try {
			outcome = attack.run(target, from);
		}
		catch (Exception ex) {
			outcome = new HostileAttack.Outcome("attack failed: " + ex, 0, false);
		}
		WellBehavedClient.Figures echoes = wellBehaved.stop();
		sampler.interrupt();
		sampler.join();
		boolean serverUp = server.sample().valid();
		return new Row(attack, outcome, (peak.get() - baseline) / 1024.0, echoes, serverUp);
	}

	/** One attack's line in the table. */
	record Row(HostileAttack attack, HostileAttack.Outcome outcome, double peakRssGrowthMb,
			WellBehavedClient.Figures echoes, boolean serverUp) {

		boolean passed() {
			return this.outcome.expected() && this.serverUp && this.echoes.passed();
		}

		String summary() {
			return String.format(Locale.ROOT,
					"  attack       %s: %s%n  server did   %s, in %.2f s%s%n  server RSS   peak growth %.1f MB%n"
							+ "  well-behaved %,d sent, %,d echoed, %d wrong%s; p50 %.2f ms, p99 %.2f ms, max %.2f ms%n"
							+ "  server up    %s",
					this.attack.title, this.attack.scale, this.outcome.serverDid(), this.outcome.seconds(),
					this.outcome.expected() ? "" : " (NOT AS DOCUMENTED)", this.peakRssGrowthMb, this.echoes.sent(),
					this.echoes.echoed(), this.echoes.wrong(),
					this.echoes.problem().isEmpty() ? "" : " (" + this.echoes.problem() + ")", this.echoes.p50Millis(),
					this.echoes.p99Millis(), this.echoes.maxMillis(), this.serverUp ? "yes" : "NO");
		}

		String markdown() {
			return String.format(Locale.ROOT, "| %s | %s | %s | %.2f s | %.1f MB | %.2f ms | %,d / %d |",
					this.attack.title, this.attack.scale, this.outcome.serverDid(), this.outcome.seconds(),
					this.peakRssGrowthMb, this.echoes.p99Millis(), this.echoes.echoed(),
					this.echoes.sent() - this.echoes.echoed() + this.echoes.wrong());
		}

	}

}
