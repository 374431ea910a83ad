package dev.wsecho.bench;

import java.nio.ByteBuffer;

/**
 * The bytes each message carries: a slice of one fixed pattern that starts at an offset
 * depending on the connection and the message's sequence number, so that an echo that is
 * wrong, cut short, too long or out of order does not match. Text payloads are printable
 * ASCII (valid UTF-8).
 */
final class Payloads {

	private static final int OFFSETS = 256;

	private final ByteBuffer pattern;

	private final int size;

	Payloads(int size, boolean binary) {
		this.size = size;
		byte[] bytes = new byte[size + OFFSETS];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = binary ? (byte) (i * 131 + (i >>> 8) * 7) : (byte) (' ' + (i * 7 + i / 95) % 95);
		}
		this.pattern = ByteBuffer.wrap(bytes);
	}

	int size() {
		return this.size;
	}

	ByteBuffer pattern() {
		return this.pattern;
	}

	static int offset(int connection, long sequence) {
		return (int) ((sequence * 37 + connection * 11L) & (OFFSETS - 1));
	}

	/**
	 * Whether {@code received[position, position + length)} equals the expected payload's
	 * bytes from {@code start} on, for message {@code sequence} of {@code connection}.
	 */
	boolean matches(ByteBuffer received, int position, int length, int connection, long sequence, int start) {
		if (start + length > this.size) {
			return false;
		}
		int expected = offset(connection, sequence) + start;
		int i = 0;
		for (; i + 8 <= length; i += 8) {
			if (received.getLong(position + i) != this.pattern.getLong(expected + i)) {
				return false;
			}
		}
		for (; i < length; i++) {
			if (received.get(position + i) != this.pattern.get(expected + i)) {
				return false;
			}
		}
		return true;
	}

}
