package dev.wsecho.chat;

import java.util.Objects;

/**
 * A chat message the server cannot act on; its message goes back to the client as an
 * error.
 */
class InvalidChatRequestException extends RuntimeException {

	InvalidChatRequestException(String message) {
		super(message);
	}

	/** The message it was made with, never {@code null}. */
	@Override
	public String getMessage() {
		return Objects.requireNonNull(super.getMessage());
	}

}
