package dev.wsecho.chat;

/**
 * The room cannot serve anyone now: its broker cannot be reached. Clients should try
 * again later.
 */
public class ChatUnavailableException extends RuntimeException {

	/** What clients are told. */
	public static final String MESSAGE = "The chat is unavailable: its message broker (Redis) cannot be reached; retrying.";

	public ChatUnavailableException(Throwable cause) {
		super(MESSAGE, cause);
	}

	public ChatUnavailableException() {
		super(MESSAGE);
	}

	/** {@link #MESSAGE}, never {@code null}. */
	@Override
	public String getMessage() {
		return MESSAGE;
	}

}
