package dev.wsecho.lab;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells commands from messages to echo, and turns a command into a {@link LabCommand}
 * within the configured bounds.
 *
 * <p>
 * Only a JSON object with a string {@code "command"} field is a command; anything else,
 * however close, is echoed, so that an echo client never has a message swallowed.
 */
class LabCommandParser {

	/**
	 * RFC 6455 §5.5: a control frame carries at most 125 bytes, two of them the close
	 * code.
	 */
	private static final int MAX_CLOSE_REASON_BYTES = 123;

	private static final int MAX_PING_PAYLOAD_BYTES = 125;

	private final JsonMapper json;

	private final LabProperties properties;

	LabCommandParser(JsonMapper json, LabProperties properties) {
		this.json = json;
		this.properties = properties;
	}

	/**
	 * The command object in {@code text}, or empty when the text is a message to echo.
	 */
	Optional<JsonNode> commandIn(String text) {
		String trimmed = text.strip();
		if (!trimmed.startsWith("{")) {
			return Optional.empty();
		}
		try {
			JsonNode node = this.json.readTree(trimmed);
			return (node.isObject() && node.path("command").isString()) ? Optional.of(node) : Optional.empty();
		}
		catch (JacksonException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The command, or an {@link InvalidCommandException} that says what is wrong with it.
	 */
	LabCommand parse(JsonNode command) {
		String name = command.path("command").stringValue();
		return switch (name) {
			case "info" -> new LabCommand.Info();
			case "close" -> close(command);
			case "drop" -> new LabCommand.Drop();
			case "delay" ->
				new LabCommand.Delay(wholeNumber(command, "ms", null, 0, this.properties.maxDelay().toMillis()),
						string(command, "message", null));
			case "burst" -> burst(command);
			case "ping" -> ping(command);
			case "stream" -> new LabCommand.Stream(
					wholeNumber(command, "intervalMs", null, this.properties.minStreamInterval().toMillis(),
							Integer.MAX_VALUE),
					(int) wholeNumber(command, "count", 0L, 0, this.properties.maxStreamCount()));
			case "stop" -> new LabCommand.Stop();
			default -> throw new InvalidCommandException(
					"Unknown command \"" + name + "\"; known: info, close, drop, delay, burst, ping, stream, stop");
		};
	}

	private LabCommand close(JsonNode command) {
		int code = (int) wholeNumber(command, "code", 1000L, 0, 65535);
		if (!isSendableCloseCode(code)) {
			throw new InvalidCommandException(
					"code " + code + " cannot be sent; use 1000, 1001, 1003, 1007-1011 or 3000-4999");
		}
		String reason = string(command, "reason", "");
		if (reason.getBytes(StandardCharsets.UTF_8).length > MAX_CLOSE_REASON_BYTES) {
			throw new InvalidCommandException("reason must be at most " + MAX_CLOSE_REASON_BYTES + " bytes in UTF-8");
		}
		return new LabCommand.Close(code, reason);
	}

	/**
	 * The codes RFC 6455 §7.4 lets an endpoint send, less 1012-1014 which only the IANA
	 * list adds.
	 */
	static boolean isSendableCloseCode(int code) {
		return code == 1000 || code == 1001 || code == 1003 || (code >= 1007 && code <= 1011)
				|| (code >= 3000 && code <= 4999);
	}

	private LabCommand burst(JsonNode command) {
		int count = (int) wholeNumber(command, "count", null, 1, this.properties.maxBurstCount());
		long maxBytes = this.properties.maxBurstBytes().toBytes();
		int size = (int) wholeNumber(command, "size", 64L, 0, Math.min(maxBytes, Integer.MAX_VALUE));
		if ((long) count * size > maxBytes) {
			throw new InvalidCommandException(
					"count × size must be at most " + maxBytes + " bytes, not " + ((long) count * size));
		}
		JsonNode binary = command.path("binary");
		if (!binary.isMissingNode() && !binary.isBoolean()) {
			throw new InvalidCommandException("binary must be true or false");
		}
		return new LabCommand.Burst(count, size, binary.booleanValue(false));
	}

	private LabCommand ping(JsonNode command) {
		String payload = string(command, "payload", "");
		if (payload.getBytes(StandardCharsets.UTF_8).length > MAX_PING_PAYLOAD_BYTES) {
			throw new InvalidCommandException("payload must be at most " + MAX_PING_PAYLOAD_BYTES + " bytes in UTF-8");
		}
		return new LabCommand.Ping(payload);
	}

	private static long wholeNumber(JsonNode command, String field, @Nullable Long fallback, long min, long max) {
		JsonNode value = command.path(field);
		if (value.isMissingNode() || value.isNull()) {
			if (fallback == null) {
				throw new InvalidCommandException(field + " is required");
			}
			return fallback;
		}
		if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < min
				|| value.longValue() > max) {
			throw new InvalidCommandException(field + " must be a whole number from " + min + " to " + max);
		}
		return value.longValue();
	}

	private static String string(JsonNode command, String field, @Nullable String fallback) {
		JsonNode value = command.path(field);
		if (value.isMissingNode() || value.isNull()) {
			if (fallback == null) {
				throw new InvalidCommandException(field + " is required");
			}
			return fallback;
		}
		if (!value.isString()) {
			throw new InvalidCommandException(field + " must be a string");
		}
		return value.stringValue();
	}

}
