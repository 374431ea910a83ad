package dev.wsecho.transport;

/**
 * How {@code permessage-deflate} (RFC 7692) compresses, and how much memory it may hold.
 *
 * @param windowBits the largest LZ77 window the server compresses with, 9 to 15 (512 B to
 * 32 KiB); a client's smaller {@code server_max_window_bits} wins. Below 15 messages are
 * compressed by JZlib (on the heap, sized by the window) instead of the JDK's zlib
 * @param level the deflate level, 1 (fastest) to 9 (smallest)
 * @param contextTakeover whether compression state is kept from one message to the next
 * (better ratio on small similar messages, but a compressor of about 300 KB and an
 * inflater of about 40 KB held per connection for its whole life); when false the server
 * answers {@code server_no_context_takeover} and {@code client_no_context_takeover} and
 * borrows a compressor per message
 * @param maxCompressors compressors that may exist at once, across all connections; a
 * message sent while all are busy goes uncompressed, and at most this many idle
 * compressors and inflaters are kept for reuse
 */
public record DeflateSettings(int windowBits, int level, boolean contextTakeover, int maxCompressors) {

	/** The largest window RFC 7692 allows, and the only one {@code java.util.zip} has. */
	static final int MAX_WINDOW_BITS = 15;

	/**
	 * The smallest window a raw deflate stream can be made with (zlib turns 8 into 9).
	 */
	static final int MIN_WINDOW_BITS = 9;

	/**
	 * What wsecho ships with: the JDK's zlib at its default level, no context takeover
	 * (nothing held by an idle connection), 16 compressors at once
	 * (docs/explanation/transport.md).
	 */
	public static final DeflateSettings DEFAULTS = new DeflateSettings(MAX_WINDOW_BITS, 6, false, 16);

	public DeflateSettings {
		if (windowBits < MIN_WINDOW_BITS || windowBits > MAX_WINDOW_BITS) {
			throw new IllegalArgumentException(
					"window bits must be 9 to 15 (zlib has no raw 8-bit window), not " + windowBits);
		}
		if (level < 1 || level > 9) {
			throw new IllegalArgumentException("deflate level must be 1 to 9, not " + level);
		}
		if (maxCompressors < 1) {
			throw new IllegalArgumentException("max compressors must be at least 1, not " + maxCompressors);
		}
	}

}
