package dev.wsecho.transport;

/**
 * How connections read and write.
 *
 * @param readBufferSize bytes read from the socket at once; a larger frame is handed on
 * in parts of at most this size, so it is also what one message part costs in memory.
 * Buffers come from Jetty's pool for a read and go back when the connection goes quiet:
 * an idle connection holds none.
 * @param writeBufferSize bytes of small frames gathered into one write, from the same
 * pool
 * @param sendQueueLimit bytes queued on one connection beyond which a sender on another
 * thread waits, and beyond which the connection's own handler is not given the next frame
 */
record TransportSettings(int readBufferSize, int writeBufferSize, int sendQueueLimit) {

	/** What wsecho ships with, chosen by measurement (docs/explanation/transport.md). */
	static final TransportSettings DEFAULTS = new TransportSettings(64 * 1024, 64 * 1024, 128 * 1024);

}
