package dev.wsecho.bench;

import java.nio.ByteBuffer;

/**
 * Writes RFC 6455 client frames: FIN set, masked with the given key, the payload length
 * in the 7-, 16- or 64-bit form its size calls for.
 */
final class ClientFrames {

	static final int CONTINUATION = 0x0;

	static final int TEXT = 0x1;

	static final int BINARY = 0x2;

	static final int CLOSE = 0x8;

	static final int PING = 0x9;

	static final int PONG = 0xA;

	/** The longest header a client frame can have: 2 + 8 (length) + 4 (mask). */
	static final int MAX_HEADER = 14;

	private ClientFrames() {
	}

	static int headerLength(long payloadLength) {
		return 2 + ((payloadLength < 126) ? 0 : (payloadLength < 65536) ? 2 : 8) + 4;
	}

	/**
	 * Appends one whole frame to {@code out} (which must have room for it): the bytes
	 * {@code source[offset, offset + length)} masked with {@code mask}, read with
	 * absolute gets so that {@code source} is untouched.
	 */
	static void put(ByteBuffer out, int opcode, ByteBuffer source, int offset, int length, int mask) {
		out.put((byte) (0x80 | opcode));
		if (length < 126) {
			out.put((byte) (0x80 | length));
		}
		else if (length < 65536) {
			out.put((byte) (0x80 | 126));
			out.putShort((short) length);
		}
		else {
			out.put((byte) (0x80 | 127));
			out.putLong(length);
		}
		out.putInt(mask);
		// Eight bytes at a time: both buffers are big-endian, so the key repeated twice
		// lines up.
		long mask8 = ((long) mask << 32) | (mask & 0xFFFFFFFFL);
		int i = 0;
		for (; i + 8 <= length; i += 8) {
			out.putLong(source.getLong(offset + i) ^ mask8);
		}
		for (; i < length; i++) {
			out.put((byte) (source.get(offset + i) ^ (mask >>> (24 - 8 * (i & 3)))));
		}
	}

	static void put(ByteBuffer out, int opcode, byte[] payload, int length, int mask) {
		put(out, opcode, ByteBuffer.wrap(payload), 0, length, mask);
	}

}
