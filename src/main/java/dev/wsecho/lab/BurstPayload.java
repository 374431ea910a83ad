package dev.wsecho.lab;

import java.nio.ByteBuffer;

/**
 * The content of burst messages: recognisable, and exactly the size asked for in bytes.
 */
final class BurstPayload {

	private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

	private BurstPayload() {
	}

	/** {@code size} ASCII characters, so {@code size} bytes in UTF-8. */
	static String text(int size) {
		StringBuilder text = new StringBuilder(size);
		for (int i = 0; i < size; i++) {
			text.append(ALPHABET.charAt(i % ALPHABET.length()));
		}
		return text.toString();
	}

	/** {@code size} bytes counting up from 0, wrapping at 256. */
	static ByteBuffer binary(int size) {
		byte[] bytes = new byte[size];
		for (int i = 0; i < size; i++) {
			bytes[i] = (byte) i;
		}
		return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
	}

}
