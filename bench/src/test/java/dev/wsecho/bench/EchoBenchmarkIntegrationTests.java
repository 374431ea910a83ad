package dev.wsecho.bench;

import java.util.List;
import java.util.ArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.ParameterizedTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load generator against the real /ws/echo of the server's jar (with HTTP/2 on, so
 * that the same port takes HTTP/1.1 and h2c) for about a second per mode and client;
 * figures never asserted.
 */
class EchoBenchmarkIntegrationTests {

	/**
	 * Started by the first test that needs it, so that each test is skipped when there is
	 * no jar.
	 */
	private static ServerJar server;

	@AfterAll
	static void stopServer() throws Exception {
		if (server != null) {
			server.close();
		}
	}

	@Test
	void closedLoopOnTwoThreadsGetsEveryEchoBackRight() throws Exception {
		BenchResult result = EchoBenchmark
			.run(options("--conns", "4", "--inflight", "8", "--size", "300", "--threads", "2"));

		assertThat(result.tally().opened).isEqualTo(4);
		assertThat(result.mismatches()).isZero();
		assertThat(result.errors()).isZero();
		assertThat(result.messagesPerSecond()).isPositive();
		assertThat(result.passed()).isTrue();
	}

	@Test
	void oneConnectionPingPongTimesEachRoundTrip() throws Exception {
		BenchResult result = EchoBenchmark.run(options("--conns", "1", "--inflight", "1"));

		assertThat(result.tally().opened).isEqualTo(1);
		assertThat(result.tally().latencies.count()).isEqualTo(result.messages());
		assertThat(result.percentileMicros(0.999)).isPositive();
		assertThat(result.passed()).isTrue();
	}

	@Test
	void churnEndsEverySessionWithTheServersNormalClose() throws Exception {
		BenchResult result = EchoBenchmark.run(options("--churn", "--conns", "5"));

		assertThat(result.tally().sessions).isPositive();
		assertThat(result.tally().sessionsFailed).isZero();
		assertThat(result.mismatches()).isZero();
		assertThat(result.errors()).isZero();
		assertThat(Report.resultLine(result)).contains("mode=churn", "unclean_close=0", "bad_close=0");
	}

	@Test
	void openLoopGetsEveryEchoBackRight() throws Exception {
		BenchResult result = EchoBenchmark.run(options("--conns", "3", "--rate", "400", "--size", "70000", "--binary"));

		assertThat(result.tally().opened).isEqualTo(3);
		assertThat(result.mismatches()).isZero();
		assertThat(result.errors()).isZero();
		assertThat(result.tally().skipped).isZero();
		assertThat(result.messagesPerSecond()).isPositive();
		assertThat(Report.resultLine(result)).contains("mode=open", "mismatches=0", "errors=0");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			our own client, HTTP/1.1     | ''      | connect_s=
			Jetty's client, h2c          | --http2 | tcp_conns=1
			""")
	void idleModeMeasuresTheServersMemoryPerSocket(String client, String protocol, String reported) throws Exception {
		List<String> args = new ArrayList<>(List.of("--url", url(), "--idle-conns", "20", "--duration", "0.5",
				"--server-pid", Long.toString(server().pid())));
		if (!protocol.isEmpty()) {
			args.add(protocol);
		}
		BenchResult result = EchoBenchmark.run(BenchOptions.parse(args.toArray(String[]::new)));

		assertThat(result.tally().opened).isEqualTo(20);
		assertThat(result.errors()).isZero();
		assertThat(result.serverAtEnd().valid()).isTrue();
		assertThat(Report.resultLine(result)).contains("mode=idle", "established=20", "rss_per_conn_b=", reported);
	}

	@Test
	void closedLoopOverHttp2MultiplexesSocketsOnFewerConnections() throws Exception {
		BenchResult result = EchoBenchmark
			.run(options("--http2", "--h2-connections", "2", "--conns", "6", "--inflight", "4", "--size", "300"));

		assertThat(result.tally().opened).isEqualTo(6);
		assertThat(result.tally().tcpConnections).isEqualTo(2);
		assertThat(result.tally().echoed).isPositive();
		assertThat(result.messagesPerSecond()).isPositive();
		assertThat(result.passed()).isTrue();
		assertThat(Report.resultLine(result)).contains("client=jetty-h2", "h2_conns=2", "tcp_conns=2", "mismatches=0",
				"errors=0");
	}

	@Test
	void closedLoopOverHttp11WithTheSameClientGetsEveryEchoBackRight() throws Exception {
		BenchResult result = EchoBenchmark.run(options("--jetty", "--conns", "3", "--inflight", "4", "--binary"));

		assertThat(result.tally().opened).isEqualTo(3);
		assertThat(result.tally().echoed).isPositive();
		assertThat(result.passed()).isTrue();
		assertThat(Report.resultLine(result)).contains("client=jetty-h1", "mismatches=0", "errors=0");
	}

	private static BenchOptions options(String... load) throws Exception {
		String[] args = new String[load.length + 8];
		System.arraycopy(new String[] { "--url", url(), "--duration", "1", "--warmup", "0.2", "--drain", "5" }, 0, args,
				0, 8);
		System.arraycopy(load, 0, args, 8, load.length);
		return BenchOptions.parse(args);
	}

	private static String url() throws Exception {
		return "ws://127.0.0.1:" + server().port() + "/ws/echo";
	}

	private static ServerJar server() throws Exception {
		if (server == null) {
			server = ServerJar.start("--server.http2.enabled=true");
		}
		return server;
	}

}
