package dev.wsecho.system;

/** Counts the UTF-8 length of text without encoding it, so limits cost no allocation. */
public final class Utf8 {

	private Utf8() {
	}

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

}
