package dev.wsecho.transport;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * Checks and decodes the UTF-8 of one text message that may arrive in parts split
 * anywhere, even inside a character: the bytes of an unfinished character wait for the
 * next part; and counts the UTF-8 length of text without encoding it, so that limits and
 * meters cost no allocation.
 *
 * <p>
 * Strict as RFC 3629 (and so RFC 6455 §8.1) asks: no overlong forms, no surrogates,
 * nothing above U+10FFFF. A sequence is refused as soon as a byte rules it out, not only
 * at the end.
 */
public final class Utf8Text {

	private static final int INVALID = -1;

	private final byte[] pending = new byte[3];

	private int pendingLength;

	Utf8Text() {
	}

	/** The length of {@code text} in UTF-8, without encoding it. */
	public static int length(CharSequence text) {
		int bytes = 0;
		for (int i = 0, n = text.length(); i < n; i++) {
			char c = text.charAt(i);
			if (c < 0x80) {
				bytes += 1;
			}
			else if (c < 0x800) {
				bytes += 2;
			}
			else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
				bytes += 4;
				i++;
			}
			else {
				bytes += 3;
			}
		}
		return bytes;
	}

	/** Forgets any unfinished character: a new message starts. */
	void reset() {
		this.pendingLength = 0;
	}

	/**
	 * Decodes one part; {@code null} when it is not UTF-8, or when the message ends
	 * inside a character.
	 */
	@Nullable String decode(byte[] part, boolean last) {
		byte[] bytes = part;
		if (this.pendingLength > 0) {
			bytes = new byte[this.pendingLength + part.length];
			System.arraycopy(this.pending, 0, bytes, 0, this.pendingLength);
			System.arraycopy(part, 0, bytes, this.pendingLength, part.length);
			this.pendingLength = 0;
		}
		int complete = completeUpTo(bytes, 0, bytes.length);
		if (complete == INVALID || (last && complete < bytes.length)) {
			return null;
		}
		this.pendingLength = bytes.length - complete;
		System.arraycopy(bytes, complete, this.pending, 0, this.pendingLength);
		return new String(bytes, 0, complete, StandardCharsets.UTF_8);
	}

	/** Whether {@code bytes} is UTF-8 from start to end. */
	static boolean isValid(byte[] bytes) {
		return completeUpTo(bytes, 0, bytes.length) == bytes.length;
	}

	/**
	 * Checks {@code bytes[from, to)}; returns where an unfinished last character starts
	 * ({@code to} when there is none), or {@link #INVALID}.
	 */
	static int completeUpTo(byte[] bytes, int from, int to) {
		int i = from;
		while (i < to) {
			int b = bytes[i];
			if (b >= 0) {
				i++;
				continue;
			}
			b &= 0xFF;
			int following;
			int low = 0x80;
			int high = 0xBF;
			if (b >= 0xC2 && b <= 0xDF) {
				following = 1;
			}
			else if (b == 0xE0) {
				following = 2;
				low = 0xA0;
			}
			else if (b == 0xED) {
				following = 2;
				high = 0x9F;
			}
			else if (b >= 0xE1 && b <= 0xEF) {
				following = 2;
			}
			else if (b == 0xF0) {
				following = 3;
				low = 0x90;
			}
			else if (b >= 0xF1 && b <= 0xF3) {
				following = 3;
			}
			else if (b == 0xF4) {
				following = 3;
				high = 0x8F;
			}
			else {
				return INVALID;
			}
			int start = i++;
			for (int k = 0; k < following; k++, i++) {
				if (i >= to) {
					return start;
				}
				int c = bytes[i] & 0xFF;
				if ((k == 0) ? (c < low || c > high) : (c < 0x80 || c > 0xBF)) {
					return INVALID;
				}
			}
		}
		return to;
	}

}
