package dev.wsecho.bench;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's checks against a scripted server: wrong echoes are caught, odd but valid framing is not. */
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

	private static BenchOptions options(ScriptedEchoServer server, String... load) {
		String[] args = new String[load.length + 8];
		System.arraycopy(new String[] { "--url", server.url(), "--duration", "0.5", "--warmup", "0", "--drain", "5" },
				0, args, 0, 8);
		System.arraycopy(load, 0, args, 8, load.length);
		return BenchOptions.parse(args);
	}

}
