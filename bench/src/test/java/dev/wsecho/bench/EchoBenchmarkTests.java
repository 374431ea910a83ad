package dev.wsecho.bench;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The benchmark's checks against a scripted server (wrong echoes are caught, odd but
 * valid framing is not), and before any connection (a run the open-file limit cannot hold
 * is refused).
 */
class EchoBenchmarkTests {

	@Test
	void countsEveryCorruptedEchoAsAMismatchAndFails() throws Exception {
		try (ScriptedEchoServer server = new ScriptedEchoServer(10, false, false)) {
			BenchResult result = EchoBenchmark.run(options(server, "--conns", "2", "--inflight", "4"));

			assertThat(result.tally().echoed).isPositive();
			assertThat(result.mismatches()).isEqualTo(result.tally().echoed / 10);
			assertThat(result.passed()).isFalse();
			assertThat(Report.resultLine(result)).contains("mismatches=" + result.mismatches());
		}
	}

	@Test
	void reassemblesFragmentedEchoesAndAnswersPings() throws Exception {
		try (ScriptedEchoServer server = new ScriptedEchoServer(0, true, true)) {
			BenchResult result = EchoBenchmark
				.run(options(server, "--conns", "1", "--inflight", "2", "--size", "70000", "--binary"));

			assertThat(server.pong.get(5, TimeUnit.SECONDS)).isEqualTo("hello?");
			assertThat(result.tally().echoed).isPositive();
			assertThat(result.mismatches()).isZero();
			assertThat(result.errors()).isZero();
			assertThat(result.passed()).isTrue();
		}
	}

	@Test
	void churnCountsSessionsThatEndWithTheServersCloseAndTimesTheirHandshakes() throws Exception {
		try (ScriptedEchoServer server = new ScriptedEchoServer(0, false, false)) {
			BenchResult result = EchoBenchmark.run(options(server, "--churn", "--conns", "3"));

			assertThat(result.tally().sessions).isPositive();
			assertThat(result.tally().handshakes.count()).isPositive();
			assertThat(result.tally().sessionTimes.count()).isEqualTo(result.tally().sessions);
			assertThat(result.tally().sessionsFailed).isZero();
			assertThat(result.sessionsPerSecond()).isPositive();
			assertThat(result.passed()).isTrue();
			assertThat(Report.resultLine(result)).contains("mode=churn", "churn_per_s=", "hs_p99_us=",
					"session_p99_us=", "sessions_failed=0", "unclean_close=0", "bad_close=0", "errors=0");
		}
	}

	@Test
	void churnCountsAnEchoGoneWrongAsAMismatch() throws Exception {
		try (ScriptedEchoServer server = new ScriptedEchoServer(2, false, false)) {
			BenchResult result = EchoBenchmark.run(options(server, "--churn", "--conns", "2"));

			assertThat(result.tally().sessions).isPositive();
			assertThat(result.mismatches()).isPositive();
			assertThat(result.passed()).isFalse();
		}
	}

	@Test
	void countsAConnectionThatCannotBeMadeAsAnError() throws Exception {
		int closedPort;
		try (ScriptedEchoServer server = new ScriptedEchoServer(0, false, false)) {
			closedPort = Integer.parseInt(server.url().replaceAll(".*:(\\d+)/.*", "$1"));
		}
		BenchResult result = EchoBenchmark.run(BenchOptions.parse("--url", "ws://127.0.0.1:" + closedPort + "/echo",
				"--conns", "1", "--duration", "0.2", "--warmup", "0", "--connect-timeout", "5"));

		assertThat(result.tally().connectFailures).isEqualTo(1);
		assertThat(result.passed()).isFalse();
	}

	@Test
	void refusesARunTheOpenFileLimitCannotHoldAndSaysWhatToRun() {
		assertThatIllegalArgumentException().isThrownBy(() -> EchoBenchmark.requireOpenFiles(50_000, 20_000))
			.withMessage("50000 connections need about 51000 open files, but this process may open only 20000: "
					+ "raise the limit in the shell that runs the benchmark first, e.g. ulimit -n 60000 "
					+ "(past ulimit -Hn, as root)");
		assertThatIllegalArgumentException().isThrownBy(() -> EchoBenchmark.requireOpenFiles(19_001, 20_000))
			.withMessageContaining("ulimit -n 30000");
	}

	@Test
	void acceptsARunWithinTheOpenFileLimitOrWhenTheLimitIsUnknown() {
		assertThatNoException().isThrownBy(() -> EchoBenchmark.requireOpenFiles(10_000, 20_000));
		assertThatNoException().isThrownBy(() -> EchoBenchmark.requireOpenFiles(19_000, 20_000));
		assertThatNoException().isThrownBy(() -> EchoBenchmark.requireOpenFiles(50_000, -1));
		assertThat(EchoBenchmark.openFileLimit()).isPositive();
	}

	private static BenchOptions options(ScriptedEchoServer server, String... load) {
		String[] args = new String[load.length + 8];
		System.arraycopy(new String[] { "--url", server.url(), "--duration", "0.5", "--warmup", "0", "--drain", "5" },
				0, args, 0, 8);
		System.arraycopy(load, 0, args, 8, load.length);
		return BenchOptions.parse(args);
	}

}
