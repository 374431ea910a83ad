package dev.wsecho.chat;

/**
 * A chat message the server cannot act on; its message goes back to the client as an
 * error.
 */
class InvalidChatRequestException extends RuntimeException {

	InvalidChatRequestException(String message) {
		super(message);
	}

}
