package dev.wsecho.lab;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * One JSON message the lab sends a client, written by Jackson as an object whose
 * {@code "type"} (the {@link JsonTypeName}) comes first, then the record's components in
 * order.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
sealed interface LabReply {

	/** The first message of every connection: what the server saw of the handshake. */
	@JsonTypeName("welcome")
	record Welcome(@JsonUnwrapped HandshakeDescription handshake) implements LabReply {
	}

	/** The answer to {@code info}: the same description as {@link Welcome}. */
	@JsonTypeName("info")
	record Info(@JsonUnwrapped HandshakeDescription handshake) implements LabReply {
	}

	/** A command was refused or cannot be carried out; the connection stays open. */
	@JsonTypeName("error")
	record Problem(String message) implements LabReply {
	}

	/** All {@code count} messages of a {@code burst} have been sent. */
	@JsonTypeName("burst-done")
	record BurstDone(int count) implements LabReply {
	}

	/** The pong to a {@code ping} arrived, {@code rttMicros} after the ping was sent. */
	@JsonTypeName("pong")
	record Pong(String payload, long rttMicros) implements LabReply {
	}

	/**
	 * One tick of a {@code stream}, numbered from 1, with the server's time as ISO-8601.
	 */
	@JsonTypeName("tick")
	record Tick(long seq, String serverTime) implements LabReply {
	}

	/**
	 * A {@code stream} ended after {@code count} ticks, by {@code stop} or a new stream
	 * when {@code stopped}.
	 */
	@JsonTypeName("stream-done")
	record StreamDone(long count, boolean stopped) implements LabReply {
	}

}
