package dev.wsecho.chat;

/**
 * Receives a room's events, one at a time and in order, on a thread of the room's; it may
 * block (it usually writes to a socket) without holding up other listeners.
 */
public interface ChatListener {

	void onEvent(ChatEvent event) throws Exception;

	/**
	 * Too many events waited for this listener; it receives none after this and should
	 * close.
	 */
	void onOverflow();

	/**
	 * The room can no longer reach its broker; the listener receives nothing after this
	 * and should close, so that its client comes back later and resumes. Ends it as an
	 * overflow unless overridden.
	 */
	default void onUnavailable(String message) {
		onOverflow();
	}

}
