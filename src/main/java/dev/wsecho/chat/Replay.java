package dev.wsecho.chat;

/**
 * Which past messages a new listener receives, as one {@link ChatEvent.History}, before anything
 * new.
 *
 * @param recent how many of the latest messages, when {@code since} is negative
 * @param since receive exactly the messages with a larger id; negative for the latest
 * {@code recent}
 */
record Replay(int recent, long since) {

	/** No history at all. */
	static Replay none() {
		return new Replay(0, -1);
	}

	/** The latest {@code count} messages. */
	static Replay recent(int count) {
		return new Replay(count, -1);
	}

	/** Every message kept with an id greater than {@code id}. */
	static Replay since(long id) {
		return new Replay(0, Math.max(id, 0));
	}

	boolean wanted() {
		return this.since >= 0 || this.recent > 0;
	}

}
