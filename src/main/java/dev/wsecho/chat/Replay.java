package dev.wsecho.chat;

/**
 * Which past messages a new listener receives, as one {@link ChatEvent.History}, before
 * anything new.
 *
 * @param recent how many of the latest messages, when {@code since} is negative
 * @param since receive exactly the messages with a larger id; negative for the latest
 * {@code recent}
 */
public record Replay(int recent, long since) {

	/** No history at all. */
	public static Replay none() {
		return new Replay(0, -1);
	}

	/** The latest {@code count} messages. */
	public static Replay recent(int count) {
		return new Replay(count, -1);
	}

	/** Every message kept with an id greater than {@code id}. */
	public static Replay since(long id) {
		return new Replay(0, Math.max(id, 0));
	}

	/** Whether any history is asked for. */
	public boolean wanted() {
		return this.since >= 0 || this.recent > 0;
	}

}
