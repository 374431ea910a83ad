package dev.wsecho.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientFramesTests {

	private static final int MASK = 0x37FA213D;

	@Test
	void writesShortPayloadWithSevenBitLengthAndMask() {
		ByteBuffer frame = encode(ClientFrames.TEXT, "Hello".getBytes(StandardCharsets.US_ASCII));

		// RFC 6455 §5.7: a single-frame masked text message "Hello".
		assertThat(bytes(frame)).containsExactly(0x81, 0x85, 0x37, 0xFA, 0x21, 0x3D, 0x7F, 0x9F, 0x4D, 0x51, 0x58);
	}

	@Test
	void writesPayloadOf126BytesWithSixteenBitLength() {
		byte[] payload = payload(300);

		ByteBuffer frame = encode(ClientFrames.BINARY, payload);

		assertThat(frame.get(0) & 0xFF).isEqualTo(0x82);
		assertThat(frame.get(1) & 0xFF).isEqualTo(0x80 | 126);
		assertThat(frame.getShort(2) & 0xFFFF).isEqualTo(300);
		assertThat(frame.getInt(4)).isEqualTo(MASK);
		assertThat(unmask(frame, 8, payload.length)).isEqualTo(payload);
		assertThat(frame.remaining()).isEqualTo(ClientFrames.headerLength(300) + 300);
	}

	@Test
	void writesPayloadOf64KiBWithSixtyFourBitLength() {
		byte[] payload = payload(70_000);

		ByteBuffer frame = encode(ClientFrames.BINARY, payload);

		assertThat(frame.get(1) & 0xFF).isEqualTo(0x80 | 127);
		assertThat(frame.getLong(2)).isEqualTo(70_000);
		assertThat(frame.getInt(10)).isEqualTo(MASK);
		assertThat(unmask(frame, 14, payload.length)).isEqualTo(payload);
		assertThat(ClientFrames.headerLength(70_000)).isEqualTo(ClientFrames.MAX_HEADER);
	}

	@Test
	void masksEveryLengthAlikeWhateverTheTailAfterEightByteBlocks() {
		for (int length = 0; length < 20; length++) {
			byte[] payload = payload(length);

			ByteBuffer frame = encode(ClientFrames.TEXT, payload);

			assertThat(unmask(frame, 6, length)).as("length %d", length).isEqualTo(payload);
		}
	}

	private static ByteBuffer encode(int opcode, byte[] payload) {
		ByteBuffer out = ByteBuffer.allocate(payload.length + ClientFrames.MAX_HEADER);
		ClientFrames.put(out, opcode, payload, payload.length, MASK);
		return out.flip();
	}

	private static byte[] payload(int length) {
		byte[] payload = new byte[length];
		for (int i = 0; i < length; i++) {
			payload[i] = (byte) (i * 7 + 3);
		}
		return payload;
	}

	private static byte[] unmask(ByteBuffer frame, int headerLength, int length) {
		byte[] key = new byte[4];
		frame.get(headerLength - 4, key);
		byte[] payload = new byte[length];
		for (int i = 0; i < length; i++) {
			payload[i] = (byte) (frame.get(headerLength + i) ^ key[i & 3]);
		}
		return payload;
	}

	private static int[] bytes(ByteBuffer frame) {
		int[] bytes = new int[frame.remaining()];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = frame.get(i) & 0xFF;
		}
		return bytes;
	}

}
