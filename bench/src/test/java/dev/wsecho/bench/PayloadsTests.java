package dev.wsecho.bench;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PayloadsTests {

	@Test
	void matchesTheExactPayloadAlsoInPieces() {
		Payloads payloads = new Payloads(100, true);
		ByteBuffer sent = expected(payloads, 3, 7);

		assertThat(payloads.matches(sent, 0, 100, 3, 7, 0)).isTrue();
		assertThat(payloads.matches(sent, 0, 37, 3, 7, 0)).isTrue();
		assertThat(payloads.matches(sent, 37, 63, 3, 7, 37)).isTrue();
	}

	@Test
	void rejectsAChangedByteAnotherMessageAndExtraBytes() {
		Payloads payloads = new Payloads(100, false);
		ByteBuffer sent = expected(payloads, 3, 7);

		assertThat(payloads.matches(sent, 0, 100, 3, 8, 0)).as("next message").isFalse();
		assertThat(payloads.matches(sent, 0, 100, 4, 7, 0)).as("other connection").isFalse();
		assertThat(payloads.matches(sent, 1, 99, 3, 7, 2)).as("extra bytes").isFalse();
		sent.put(99, (byte) (sent.get(99) ^ 1));
		assertThat(payloads.matches(sent, 0, 100, 3, 7, 0)).as("one bit").isFalse();
	}

	@Test
	void textPayloadsArePrintableAscii() {
		Payloads payloads = new Payloads(1000, false);

		for (int i = 0; i < payloads.pattern().capacity(); i++) {
			assertThat(payloads.pattern().get(i)).isBetween((byte) 0x20, (byte) 0x7E);
		}
	}

	private static ByteBuffer expected(Payloads payloads, int connection, long sequence) {
		ByteBuffer copy = ByteBuffer.allocate(payloads.size());
		int offset = Payloads.offset(connection, sequence);
		for (int i = 0; i < payloads.size(); i++) {
			copy.put(i, payloads.pattern().get(offset + i));
		}
		return copy;
	}

}
