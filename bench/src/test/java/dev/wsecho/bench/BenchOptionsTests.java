package dev.wsecho.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BenchOptionsTests {

	private static final String URL = "ws://127.0.0.1:8080/ws/echo";

	@Test
	void defaultsToTenConnectionsOneInFlightThirtyTwoByteText() {
		BenchOptions options = BenchOptions.parse("--url", URL);

		assertThat(options.mode()).isEqualTo(BenchOptions.Mode.CLOSED);
		assertThat(options.conns()).isEqualTo(10);
		assertThat(options.inflight()).isEqualTo(1);
		assertThat(options.size()).isEqualTo(32);
		assertThat(options.binary()).isFalse();
		assertThat(options.durationSeconds()).isEqualTo(10);
		assertThat(options.warmupSeconds()).isEqualTo(1);
	}

	@Test
	void readsAnHttp2RunOverTenConnections() {
		BenchOptions options = BenchOptions.parse("--url", URL, "--http2", "--h2-connections", "10", "--conns", "100");

		assertThat(options.client()).isEqualTo(BenchOptions.Client.JETTY_HTTP2);
		assertThat(options.h2Connections()).isEqualTo(10);
		assertThat(BenchOptions.parse("--url", URL).client()).isEqualTo(BenchOptions.Client.NIO);
		assertThat(BenchOptions.parse("--url", URL, "--jetty").client()).isEqualTo(BenchOptions.Client.JETTY_HTTP1);
	}

	@Test
	void readsAClosedLoopRun() {
		BenchOptions options = BenchOptions.parse("--url", URL, "--conns", "100", "--inflight", "10", "--size", "65536",
				"--binary", "--duration", "2.5", "--warmup", "0", "--threads", "2", "--server-pid", "42");

		assertThat(options.connections()).isEqualTo(100);
		assertThat(options.inflight()).isEqualTo(10);
		assertThat(options.size()).isEqualTo(65536);
		assertThat(options.binary()).isTrue();
		assertThat(options.durationSeconds()).isEqualTo(2.5);
		assertThat(options.warmupSeconds()).isZero();
		assertThat(options.threads()).isEqualTo(2);
		assertThat(options.serverPid()).isEqualTo(42);
	}

	@Test
	void rateMeansOpenLoop() {
		BenchOptions options = BenchOptions.parse("--url", URL, "--conns", "10", "--rate", "20000");

		assertThat(options.mode()).isEqualTo(BenchOptions.Mode.OPEN);
		assertThat(options.rate()).isEqualTo(20000);
	}

	@Test
	void idleConnsMeansIdle() {
		BenchOptions options = BenchOptions.parse("--url", URL, "--idle-conns", "10000", "--duration", "3");

		assertThat(options.mode()).isEqualTo(BenchOptions.Mode.IDLE);
		assertThat(options.connections()).isEqualTo(10000);
	}

	@Test
	void churnMeansSessionsBackToBackConnsAtATime() {
		BenchOptions options = BenchOptions.parse("--url", URL, "--churn", "--conns", "50");

		assertThat(options.mode()).isEqualTo(BenchOptions.Mode.CHURN);
		assertThat(options.connections()).isEqualTo(50);
	}

	@ParameterizedTest
	@CsvSource({ "--inflight,2", "--rate,100", "--idle-conns,10" })
	void refusesChurnWithAnotherMode(String option, String value) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchOptions.parse("--url", URL, "--churn", option, value))
			.withMessageContaining("--churn sends one message per session");
	}

	@Test
	void refusesMoreConnectionsThanOneSourceAddressCarriesToAnIpv6Target() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchOptions.parse("--url", "ws://[::1]:8080/ws/echo", "--idle-conns", "20001"))
			.withMessage("over 20000 connections come from several source addresses (127.0.0.1, 127.0.0.2, ...), "
					+ "so the target must be IPv4: use --url ws://127.0.0.1:PORT/PATH, not ws://[::1]:8080/ws/echo");
		assertThat(BenchOptions.parse("--url", "ws://[::1]:8080/ws/echo", "--idle-conns", "20000").connections())
			.isEqualTo(20000);
		assertThat(BenchOptions.parse("--url", URL, "--conns", "50000").connections()).isEqualTo(50000);
	}

	@Test
	void refusesAnUnknownOption() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--url", URL, "--connections", "5"))
			.withMessage("unknown option --connections");
	}

	@Test
	void refusesARunWithoutUrl() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--conns", "5"))
			.withMessageStartingWith("--url is required");
	}

	/**
	 * A value that is not a number, out of range or missing: the message names the
	 * option.
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			--conns many    | --conns needs a whole number, got 'many'
			--duration ten  | --duration needs a number, got 'ten'
			--conns 0       | --conns must be between 1 and 1000000, got 0
			--size 17000000 | --size must be between 0 and 16777216, got 17000000
			--rate          | --rate needs a value
			--size --binary | --size needs a value
			--jetty --http2 | give one of --jetty and --http2, not both
			--h2-connections 10 | --h2-connections needs --http2
			--http2 --churn | --jetty and --http2 run the closed loop and idle modes only
			--jetty --rate 100 | --jetty and --http2 run the closed loop and idle modes only
			""")
	void refusesABadValueNamingItsOption(String options, String message) {
		String[] args = ("--url " + URL + " " + options).split(" ");

		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse(args)).withMessage(message);
	}

	@Test
	void refusesOptionsThatExcludeEachOther() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchOptions.parse("--url", URL, "--rate", "100", "--inflight", "4"))
			.withMessageContaining("exclude each other");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--url", URL, "--text", "--binary"))
			.withMessage("give one of --text and --binary, not both");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchOptions.parse("--url", URL, "--idle-conns", "10", "--conns", "5"))
			.withMessageContaining("--idle-conns sends no messages");
	}

}
