package dev.wsecho.lab;

import java.util.Objects;

/**
 * A lab command that is unknown or has a bad argument; its message is sent to the client.
 */
class InvalidCommandException extends RuntimeException {

	InvalidCommandException(String message) {
		super(message);
	}

	/** The message it was made with, never {@code null}. */
	@Override
	public String getMessage() {
		return Objects.requireNonNull(super.getMessage());
	}

}
