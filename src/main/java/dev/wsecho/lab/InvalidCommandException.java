package dev.wsecho.lab;

/**
 * A lab command that is unknown or has a bad argument; its message is sent to the client.
 */
class InvalidCommandException extends RuntimeException {

	InvalidCommandException(String message) {
		super(message);
	}

}
