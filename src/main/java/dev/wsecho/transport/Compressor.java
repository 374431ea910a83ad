package dev.wsecho.transport;

import java.nio.ByteBuffer;

/**
 * A raw deflate stream (RFC 1951, no zlib header) that a message's payload is fed into
 * and that writes it out compressed, each call ending on a sync flush as RFC 7692 wants.
 */
interface Compressor {

	/** The payload to compress next; read from its position, which is not moved. */
	void setInput(ByteBuffer input);

	/**
	 * Compresses what input is left into {@code out}, ending with a sync flush once the
	 * input is used up.
	 * @return the bytes written: {@code length} means call again, fewer means done
	 */
	int compress(byte[] out, int offset, int length);

	/** The window the stream is made with, 9 to 15 bits. */
	int windowBits();

	/** Starts a new stream, with no history. */
	void reset();

	/** Frees what the stream holds; it cannot be used after. */
	void end();

}
