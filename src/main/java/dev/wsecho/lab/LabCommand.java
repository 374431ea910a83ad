package dev.wsecho.lab;

/**
 * One command a lab client can send, with its arguments already checked against the
 * bounds.
 */
sealed interface LabCommand {

	/** Describe the handshake again. */
	record Info() implements LabCommand {
	}

	/** Close the connection with this code and reason. */
	record Close(int code, String reason) implements LabCommand {
	}

	/** End the TCP connection without a close frame. */
	record Drop() implements LabCommand {
	}

	/** Send {@code message} back after {@code millis}. */
	record Delay(long millis, String message) implements LabCommand {
	}

	/**
	 * Push {@code count} messages of {@code size} bytes, then report that the burst is
	 * done.
	 */
	record Burst(int count, int size, boolean binary) implements LabCommand {
	}

	/** Send a WebSocket ping and report the round trip when its pong arrives. */
	record Ping(String payload) implements LabCommand {
	}

	/**
	 * Push a tick every {@code intervalMillis}, {@code count} times (0: until stopped).
	 */
	record Stream(long intervalMillis, int count) implements LabCommand {
	}

	/** Stop the running stream. */
	record Stop() implements LabCommand {
	}

}
