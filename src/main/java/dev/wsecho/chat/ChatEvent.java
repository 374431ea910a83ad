package dev.wsecho.chat;

import java.time.Instant;
import java.util.List;

/** Something that happened in the chat room, as its members and watchers receive it. */
public sealed interface ChatEvent {

	/**
	 * A message someone said; ids rise strictly in the order the room accepted the
	 * messages.
	 */
	record Message(long id, String from, String message, Instant ts) implements ChatEvent {
	}

	/**
	 * Someone joined; {@code members} is everyone now in the room, in the order they
	 * joined.
	 */
	record Joined(String name, List<String> members) implements ChatEvent {
	}

	/** Someone left. */
	record Left(String name, List<String> members) implements ChatEvent {
	}

	/** Someone changed their name from {@code from} to {@code name}. */
	record Renamed(String from, String name, List<String> members) implements ChatEvent {
	}

	/**
	 * Messages said before a listener arrived, oldest first; {@code complete} is
	 * {@code false} when some of the messages asked for had already left the room's
	 * history.
	 */
	record History(List<Message> messages, boolean complete) implements ChatEvent {
	}

}
