package dev.wsecho.chat;

/** The room cannot serve anyone now: its broker cannot be reached. Clients should try again later. */
class ChatUnavailableException extends RuntimeException {

	/** What clients are told. */
	static final String MESSAGE = "The chat is unavailable: its message broker (Redis) cannot be reached; retrying.";

	ChatUnavailableException(Throwable cause) {
		super(MESSAGE, cause);
	}

	ChatUnavailableException() {
		super(MESSAGE);
	}

}
