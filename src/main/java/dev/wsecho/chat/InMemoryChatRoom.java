package dev.wsecho.chat;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

/**
 * A chat room held in this process: one lock orders ids, history and hand-over to
 * listeners, and each listener's {@link Delivery} carries the events to it off the lock.
 */
class InMemoryChatRoom implements ChatRoom {

	private final Object lock = new Object();

	private final Executor executor;

	private final Clock clock;

	private final int historySize;

	private final int maxPending;

	/** Listeners by subscription, members first in the order they joined. */
	private final Map<Subscription, Delivery> listeners = new LinkedHashMap<>();

	/** Members by membership, in the order they joined; their names are unique. */
	private final Map<Membership, String> members = new LinkedHashMap<>();

	private final Deque<ChatEvent.Message> history = new ArrayDeque<>();

	private long lastId;

	/**
	 * The largest id that has left the history; messages up to it can no longer be
	 * replayed.
	 */
	private long forgottenUpTo;

	private long guests;

	InMemoryChatRoom(Executor executor, Clock clock, int historySize, int maxPending) {
		this.executor = executor;
		this.clock = clock;
		this.historySize = historySize;
		this.maxPending = maxPending;
	}

	@Override
	public Membership join(@Nullable String wanted, Replay replay, ChatListener listener) {
		synchronized (this.lock) {
			String name = (wanted != null && !this.members.containsValue(wanted)) ? wanted : freeGuestName();
			Member member = new Member();
			subscribe(member, replay, listener);
			this.members.put(member, name);
			publish(new ChatEvent.Joined(name, members()));
			return member;
		}
	}

	@Override
	public Subscription watch(Replay replay, ChatListener listener) {
		synchronized (this.lock) {
			Subscription subscription = Subscription.cancelledBy(this::unsubscribe);
			subscribe(subscription, replay, listener);
			return subscription;
		}
	}

	@Override
	public List<String> members() {
		synchronized (this.lock) {
			return List.copyOf(this.members.values());
		}
	}

	private Delivery subscribe(Subscription subscription, Replay replay, ChatListener listener) {
		Delivery delivery = new Delivery(listener, this.executor, this.maxPending, subscription::cancel);
		if (replay.wanted()) {
			delivery.offer(history(replay));
		}
		this.listeners.put(subscription, delivery);
		return delivery;
	}

	private void unsubscribe(Subscription subscription) {
		synchronized (this.lock) {
			Delivery delivery = this.listeners.remove(subscription);
			if (delivery != null) {
				delivery.stop();
			}
		}
	}

	private ChatEvent.History history(Replay replay) {
		List<ChatEvent.Message> messages = new ArrayList<>();
		if (replay.since() >= 0) {
			for (ChatEvent.Message message : this.history) {
				if (message.id() > replay.since()) {
					messages.add(message);
				}
			}
			return new ChatEvent.History(messages, replay.since() >= this.forgottenUpTo);
		}
		int skip = Math.max(0, this.history.size() - replay.recent());
		this.history.stream().skip(skip).forEach(messages::add);
		return new ChatEvent.History(messages, true);
	}

	private String freeGuestName() {
		String name;
		do {
			name = "guest-" + (++this.guests);
		}
		while (this.members.containsValue(name));
		return name;
	}

	/**
	 * Hands an event to every listener; called under the lock, so all see the same order.
	 * A copy is walked because a listener that fails may leave the room from within.
	 */
	private void publish(ChatEvent event) {
		List.copyOf(this.listeners.values()).forEach((delivery) -> delivery.offer(event));
	}

	/** How many listeners the room has, members and watchers. */
	int listenerCount() {
		synchronized (this.lock) {
			return this.listeners.size();
		}
	}

	private final class Member implements Membership {

		@Override
		public @Nullable String name() {
			synchronized (InMemoryChatRoom.this.lock) {
				return InMemoryChatRoom.this.members.get(this);
			}
		}

		@Override
		public Optional<ChatEvent.Message> say(String text) {
			synchronized (InMemoryChatRoom.this.lock) {
				String name = InMemoryChatRoom.this.members.get(this);
				if (name == null) {
					return Optional.empty();
				}
				ChatEvent.Message message = new ChatEvent.Message(++InMemoryChatRoom.this.lastId, name, text,
						InMemoryChatRoom.this.clock.instant());
				InMemoryChatRoom.this.history.addLast(message);
				while (InMemoryChatRoom.this.history.size() > InMemoryChatRoom.this.historySize) {
					InMemoryChatRoom.this.forgottenUpTo = InMemoryChatRoom.this.history.removeFirst().id();
				}
				publish(message);
				return Optional.of(message);
			}
		}

		@Override
		public boolean rename(String name) {
			synchronized (InMemoryChatRoom.this.lock) {
				String old = InMemoryChatRoom.this.members.get(this);
				if (old == null) {
					return false;
				}
				if (old.equals(name)) {
					return true;
				}
				if (InMemoryChatRoom.this.members.containsValue(name)) {
					return false;
				}
				InMemoryChatRoom.this.members.put(this, name);
				publish(new ChatEvent.Renamed(old, name, members()));
				return true;
			}
		}

		@Override
		public void cancel() {
			synchronized (InMemoryChatRoom.this.lock) {
				unsubscribe(this);
				String name = InMemoryChatRoom.this.members.remove(this);
				if (name != null) {
					publish(new ChatEvent.Left(name, members()));
				}
			}
		}

	}

}
