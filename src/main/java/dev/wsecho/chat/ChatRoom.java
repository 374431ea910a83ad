package dev.wsecho.chat;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * The one chat room that WebSocket members and SSE watchers share. Public, with the
 * event, listener, replay and delivery types it uses, as the SPI a room kept elsewhere
 * implements.
 *
 * <p>
 * Ids are assigned and events handed to listeners in one order, so every listener sees
 * the same events in the same order; a listener first receives the history its
 * {@link Replay} asks for, then every later event, with nothing missed or repeated in
 * between. Implementations: in memory ({@link InMemoryChatRoom}) and shared by every
 * instance through Redis ({@code dev.wsecho.chat.redis}), chosen by
 * {@code wsecho.chat.broker}. Any method but cancelling may throw a
 * {@link ChatUnavailableException} when the room's broker cannot be reached.
 */
public interface ChatRoom {

	/**
	 * Adds a member, named {@code wanted} when that name is free, else a free
	 * {@code guest-N}, and tells everyone (the new member too) that it joined.
	 */
	Membership join(@Nullable String wanted, Replay replay, ChatListener listener);

	/** Follows the room without being a member: no join or leave is announced. */
	Subscription watch(Replay replay, ChatListener listener);

	/** Everyone in the room now, in the order they joined. */
	List<String> members();

	/**
	 * Whether the room has reached its broker at least once: until then the instance
	 * reports itself not ready for traffic. A room in this process always has.
	 */
	default boolean hasBeenAvailable() {
		return true;
	}

	/** A listener's place in the room; cancelling it stops the events. */
	interface Subscription {

		void cancel();

		/**
		 * A new subscription, equal only to itself, that hands itself to {@code cancel}
		 * when cancelled: what a room keys its listener by.
		 */
		static Subscription cancelledBy(Consumer<Subscription> cancel) {
			return new Subscription() {

				@Override
				public void cancel() {
					cancel.accept(this);
				}

			};
		}

	}

	/**
	 * A member: what it says is published under its name; cancelling it leaves the room.
	 */
	interface Membership extends Subscription {

		/** Its name; {@code null} once it has left (or before its join is done). */
		@Nullable String name();

		/**
		 * Publishes a message from this member, returning it with its id and time; empty
		 * when the member has already left (its connection is closing).
		 */
		Optional<ChatEvent.Message> say(String message);

		/**
		 * Changes this member's name and tells everyone; {@code false} when the name is
		 * taken or the member has left.
		 */
		boolean rename(String name);

	}

}
