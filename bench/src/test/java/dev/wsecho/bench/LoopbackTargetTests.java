package dev.wsecho.bench;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LoopbackTargetTests {

	@Test
	void acceptsLoopbackAddresses() {
		assertThat(LoopbackTarget.parse("ws://127.0.0.1:8080/ws/echo").address().getAddress().isLoopbackAddress())
			.isTrue();
		assertThat(LoopbackTarget.parse("ws://127.3.2.1:8080/ws/echo").address().getPort()).isEqualTo(8080);
		assertThat(LoopbackTarget.parse("ws://[::1]:9000/echo").address().getAddress().isLoopbackAddress()).isTrue();
		assertThat(LoopbackTarget.parse("ws://localhost:9000/echo").address().getAddress().isLoopbackAddress())
			.isTrue();
	}

	@Test
	void keepsPathQueryAndHostForTheHandshake() {
		LoopbackTarget target = LoopbackTarget.parse("ws://localhost/ws/echo?x=1");

		assertThat(target.path()).isEqualTo("/ws/echo?x=1");
		assertThat(target.hostHeader()).isEqualTo("localhost:80");
		assertThat(LoopbackTarget.parse("ws://127.0.0.1:8080").path()).isEqualTo("/");
	}

	@Test
	void refusesOtherHostsWithAClearMessage() {
		assertThatIllegalArgumentException().isThrownBy(() -> LoopbackTarget.parse("ws://10.0.0.1:8080/ws/echo"))
			.withMessageStartingWith("only loopback targets are accepted (127.0.0.0/8, ::1, localhost); got 10.0.0.1");
		assertThatIllegalArgumentException().isThrownBy(() -> LoopbackTarget.parse("ws://example.com/ws/echo"))
			.withMessageContaining("only loopback targets");
		assertThatIllegalArgumentException().isThrownBy(() -> LoopbackTarget.parse("ws://[2001:db8::1]/ws/echo"))
			.withMessageContaining("only loopback targets");
	}

	@Test
	void leavesTheSourceAddressToTheKernelWhileOneAddressHasPortsEnough() {
		LoopbackTarget target = LoopbackTarget.parse("ws://127.0.0.1:8080/ws/echo");

		assertThat(target.source(0, 20_000)).isNull();
		assertThat(target.source(19_999, 20_000)).isNull();
	}

	@Test
	void spreadsLargerRunsOverANewSourceAddressEveryTwentyThousandConnections() {
		LoopbackTarget target = LoopbackTarget.parse("ws://127.0.0.1:8080/ws/echo");

		assertThat(target.source(0, 50_000)).isEqualTo(new InetSocketAddress("127.0.0.1", 0));
		assertThat(target.source(19_999, 50_000)).isEqualTo(new InetSocketAddress("127.0.0.1", 0));
		assertThat(target.source(20_000, 50_000)).isEqualTo(new InetSocketAddress("127.0.0.2", 0));
		assertThat(target.source(49_999, 50_000)).isEqualTo(new InetSocketAddress("127.0.0.3", 0));
		assertThat(target.source(999_999, 1_000_000)).isEqualTo(new InetSocketAddress("127.0.0.50", 0));
	}

	@Test
	void givesChurnSessionsTheAddresses127002To127254InTurn() {
		LoopbackTarget target = LoopbackTarget.parse("ws://127.0.0.1:8080/ws/echo");

		assertThat(target.churnSource(0)).isEqualTo(new InetSocketAddress("127.0.0.2", 0));
		assertThat(target.churnSource(252)).isEqualTo(new InetSocketAddress("127.0.0.254", 0));
		assertThat(target.churnSource(253)).isEqualTo(new InetSocketAddress("127.0.0.2", 0));
		assertThat(LoopbackTarget.parse("ws://[::1]:8080/ws/echo").churnSource(1)).isNull();
	}

	@Test
	void spreadsOnlyAnIpv4Target() {
		assertThat(LoopbackTarget.parse("ws://127.0.0.1:8080/ws/echo").spreads()).isTrue();
		assertThat(LoopbackTarget.parse("ws://localhost:8080/ws/echo").spreads()).isTrue();
		assertThat(LoopbackTarget.parse("ws://[::1]:8080/ws/echo").spreads()).isFalse();
		assertThat(LoopbackTarget.parse("ws://[::1]:8080/ws/echo").source(30_000, 50_000)).isNull();
	}

	@Test
	void refusesOtherSchemes() {
		assertThatIllegalArgumentException().isThrownBy(() -> LoopbackTarget.parse("wss://127.0.0.1:8443/ws/echo"))
			.withMessageStartingWith("--url must start with ws://");
		assertThatIllegalArgumentException().isThrownBy(() -> LoopbackTarget.parse("http://127.0.0.1:8080/ws/echo"))
			.withMessageStartingWith("--url must start with ws://");
	}

}
