package dev.wsecho.chat.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import dev.wsecho.chat.ChatEvent;

/**
 * Orders one listener's events as one process would: events from the channel wait until
 * its history has been read and, for a member, until its own join has come back, which it
 * then receives first; a message whose id it has already been given (in the history) is
 * not given again. Whatever it lets through goes to {@code out} in order.
 */
final class JoinGate {

	private final Consumer<ChatEvent> out;

	private final boolean member;

	private @Nullable List<ChatEvent> waiting = new ArrayList<>();

	private boolean historyRead;

	private @Nullable String ownName;

	private long lastId;

	/**
	 * @param out where events go once let through, in the order they are to be seen
	 * @param member whether to wait for the listener's own join (a watcher waits for its
	 * history only)
	 */
	JoinGate(Consumer<ChatEvent> out, boolean member) {
		this.out = out;
		this.member = member;
	}

	/** An event from the channel, in channel order. */
	synchronized void accept(ChatEvent event) {
		if (this.waiting != null) {
			this.waiting.add(event);
			release();
		}
		else {
			pass(event);
		}
	}

	/**
	 * Hands over the history ({@code null} when none was asked for); {@code lastId} was
	 * the last id then.
	 */
	synchronized void start(ChatEvent.@Nullable History history, long lastId) {
		if (history != null) {
			this.out.accept(history);
		}
		this.lastId = lastId;
		this.historyRead = true;
		release();
	}

	/** The member's name is known: its join, when it comes, ends the wait. */
	synchronized void joinedAs(String name) {
		this.ownName = name;
		release();
	}

	/**
	 * Ends the wait when it can: a member receives its own join, then the messages said
	 * while it was joining, then what followed; the joins and leaves before its own are
	 * already in the members list its join carries.
	 */
	private void release() {
		if (!this.historyRead) {
			return;
		}
		List<ChatEvent> waited = this.waiting;
		if (waited == null) {
			// Released already: events pass straight through.
			return;
		}
		int own = -1;
		if (this.member) {
			if (this.ownName == null) {
				return;
			}
			for (int i = 0; i < waited.size() && own < 0; i++) {
				if (waited.get(i) instanceof ChatEvent.Joined joined && joined.name().equals(this.ownName)) {
					own = i;
				}
			}
			if (own < 0) {
				return;
			}
			pass(waited.get(own));
		}
		this.waiting = null;
		for (int i = 0; i < waited.size(); i++) {
			if (i > own || (i < own && waited.get(i) instanceof ChatEvent.Message)) {
				pass(waited.get(i));
			}
		}
	}

	private void pass(ChatEvent event) {
		if (event instanceof ChatEvent.Message message) {
			if (message.id() <= this.lastId) {
				return;
			}
			this.lastId = message.id();
		}
		this.out.accept(event);
	}

}
