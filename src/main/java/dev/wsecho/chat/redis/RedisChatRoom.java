package dev.wsecho.chat.redis;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import io.lettuce.core.RedisCommandExecutionException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import dev.wsecho.chat.ChatEvent;
import dev.wsecho.chat.ChatListener;
import dev.wsecho.chat.ChatProperties;
import dev.wsecho.chat.ChatRoom;
import dev.wsecho.chat.ChatUnavailableException;
import dev.wsecho.chat.Delivery;
import dev.wsecho.chat.Replay;

/**
 * A chat room that every instance on one Redis shares: ids, history and members live in
 * Redis, changed only by {@link RedisScripts}, and each instance hands the events of one
 * channel to its own listeners, in channel order (which is id order), through their
 * {@link Delivery}.
 *
 * <p>
 * A new listener is registered before its history is read, and its events wait meanwhile
 * in its {@link JoinGate}; it then receives the history and the events that waited,
 * without the messages the history already held, so that nothing is missed or repeated
 * whichever instance it arrives at. Messages the subscription missed are handed over by
 * the {@link GapFiller}. Whether Redis answers is {@link BrokerAvailability}'s to know:
 * when it stops answering, the room tells every listener (members are closed with 1013,
 * event streams end) and refuses new ones until it is available again.
 */
class RedisChatRoom implements ChatRoom, MessageListener, SmartLifecycle {

	private static final Log logger = LogFactory.getLog(RedisChatRoom.class);

	private final StringRedisTemplate redis;

	private final BrokerEvents events;

	private final Executor executor;

	private final Clock clock;

	private final int historySize;

	private final int maxPending;

	private final String prefix;

	private final ChannelSubscription subscription;

	private final BrokerAvailability availability;

	private final Map<Subscription, Listener> listeners = new ConcurrentHashMap<>();

	/**
	 * This instance's presence; a new one after every loss of Redis, so that old members
	 * lapse.
	 */
	private final Presence presence;

	private final GapFiller gaps;

	/**
	 * @param maxPending how many events may wait for one listener
	 * ({@code wsecho.slow-clients.max-pending})
	 * @param connectTimeout how long to wait for Redis at start-up (and for the
	 * subscription), before the web server takes connections;
	 * {@code spring.data.redis.connect-timeout}
	 */
	RedisChatRoom(StringRedisTemplate redis, BrokerEvents events, Executor executor, Clock clock,
			ChatProperties properties, int maxPending, Duration connectTimeout) {
		this.redis = redis;
		this.events = events;
		this.executor = executor;
		this.clock = clock;
		this.maxPending = maxPending;
		this.historySize = properties.historySize();
		this.prefix = properties.redisKeyPrefix();
		this.presence = new Presence(new Presence.Keys() {

			@Override
			public void put(String key, Duration timeToLive) {
				redis.opsForValue().set(key, "1", timeToLive);
			}

			@Override
			public void delete(String key) {
				redis.delete(key);
			}

		}, this.prefix, properties.presenceTimeout());
		this.subscription = new ChannelSubscription(redis.getRequiredConnectionFactory(), channel(), this,
				connectTimeout);
		this.gaps = new GapFiller(this::historyAfter, this::dispatch);
		this.availability = new BrokerAvailability(new BrokerAvailability.Broker() {

			@Override
			public boolean subscribe() {
				return RedisChatRoom.this.subscription.start();
			}

			@Override
			public void renew() {
				RedisChatRoom.this.presence.renew();
			}

			@Override
			public void probe() {
				redis.convertAndSend(channel(),
						"{\"type\":\"probe\",\"instance\":\"" + RedisChatRoom.this.presence.id() + "\"}");
			}

		}, this::endListeners, BrokerAvailability.Scheduler.daemonThread(), properties.brokerCheckInterval(),
				connectTimeout);
	}

	/** The channel every instance publishes to and listens on. */
	String channel() {
		return this.prefix + "events";
	}

	/**
	 * Whether the room can serve now: Redis answers and this instance's subscription is
	 * live.
	 */
	boolean isAvailable() {
		return this.availability.isAvailable();
	}

	/**
	 * Whether the room has served at all: until then the instance is not ready for
	 * traffic.
	 */
	boolean hasBeenAvailable() {
		return this.availability.hasBeenAvailable();
	}

	@Override
	public Membership join(@Nullable String wanted, Replay replay, ChatListener listener) {
		Member member = new Member();
		subscribe(member, replay, listener);
		try {
			member.name = run(RedisScripts.JOIN, (wanted != null) ? wanted : "", this.presence.id());
			Listener joined = this.listeners.get(member);
			if (joined != null) {
				joined.gate.joinedAs(member.name);
			}
			return member;
		}
		catch (ChatUnavailableException ex) {
			unsubscribe(member);
			throw ex;
		}
	}

	@Override
	public Subscription watch(Replay replay, ChatListener listener) {
		Subscription subscription = Subscription.cancelledBy(this::unsubscribe);
		subscribe(subscription, replay, listener);
		return subscription;
	}

	@Override
	public List<String> members() {
		return run(RedisScripts.MEMBERS);
	}

	private void subscribe(Subscription subscription, Replay replay, ChatListener listener) {
		if (!this.availability.isAvailable()) {
			throw new ChatUnavailableException();
		}
		Listener waiting = new Listener(listener,
				new Delivery(listener, this.executor, this.maxPending, subscription::cancel),
				subscription instanceof Member);
		this.listeners.put(subscription, waiting);
		try {
			List<String> read = run(RedisScripts.HISTORY,
					(replay.since() >= 0) ? Long.toString(replay.since() + 1) : "",
					Integer.toString(replay.wanted() ? replay.recent() : 0));
			long lastId = Long.parseLong(read.get(0));
			ChatEvent.@Nullable History history = null;
			if (replay.wanted()) {
				List<ChatEvent.Message> messages = new ArrayList<>();
				for (String message : read.subList(1, read.size())) {
					messages.add(BrokerEvents.message(this.events.read(message)));
				}
				// Ids have no gaps, so the history is whole when it starts right after
				// since.
				boolean complete = replay.since() < 0 || replay.since() >= lastId
						|| (!messages.isEmpty() && messages.get(0).id() == replay.since() + 1);
				history = new ChatEvent.History(messages, complete);
			}
			waiting.gate.start(history, lastId);
		}
		catch (ChatUnavailableException ex) {
			unsubscribe(subscription);
			throw ex;
		}
	}

	private void unsubscribe(Subscription subscription) {
		Listener listener = this.listeners.remove(subscription);
		if (listener != null) {
			listener.delivery.stop();
		}
	}

	/**
	 * Runs a script with the key prefix first; a Redis that cannot be reached makes the
	 * room unavailable.
	 */
	private <T> T run(RedisScript<T> script, String... args) {
		String[] all = new String[args.length + 1];
		all[0] = this.prefix;
		System.arraycopy(args, 0, all, 1, args.length);
		try {
			return this.redis.execute(script, List.of(), (Object[]) all);
		}
		catch (DataAccessException ex) {
			throw unavailable(ex);
		}
	}

	/**
	 * The exception to throw for {@code ex}; one that Redis answered with is a bug, and
	 * propagates.
	 */
	private RuntimeException unavailable(DataAccessException ex) {
		if (ex.getCause() instanceof RedisCommandExecutionException) {
			return ex;
		}
		this.availability.lost(ex);
		return new ChatUnavailableException(ex);
	}

	@Override
	public void onMessage(Message message, byte @Nullable [] pattern) {
		JsonNode node = this.events.read(new String(message.getBody(), StandardCharsets.UTF_8));
		if ("probe".equals(node.path("type").asString())) {
			if (this.presence.id().equals(node.path("instance").asString())) {
				this.availability.probeReturned();
			}
			return;
		}
		ChatEvent event = BrokerEvents.decode(node);
		if (event instanceof ChatEvent.Message said) {
			this.gaps.arriving(said);
		}
		if (event != null) {
			dispatch(event);
		}
	}

	private void dispatch(ChatEvent event) {
		this.listeners.values().forEach((listener) -> listener.gate.accept(event));
	}

	/** The messages the history keeps after {@code id}; for the {@link GapFiller}. */
	private List<ChatEvent.Message> historyAfter(long id) {
		List<String> read = run(RedisScripts.HISTORY, Long.toString(id + 1), "0");
		List<ChatEvent.Message> messages = new ArrayList<>();
		for (String text : read.subList(1, read.size())) {
			messages.add(BrokerEvents.message(this.events.read(text)));
		}
		return messages;
	}

	/**
	 * Ends every listener and starts over with a new presence once Redis answers again.
	 */
	private void endListeners() {
		this.gaps.reset();
		this.presence.retire();
		for (Subscription subscription : List.copyOf(this.listeners.keySet())) {
			Listener listener = this.listeners.remove(subscription);
			if (listener != null) {
				listener.unavailable();
			}
			if (subscription instanceof Member member) {
				member.left.set(true);
			}
		}
	}

	/**
	 * Starts checking the broker, and holds the start-up until it is available (see
	 * {@link BrokerAvailability#start()}).
	 */
	@Override
	public void start() {
		this.availability.start();
	}

	@Override
	public void stop() {
		this.availability.stop();
		try {
			// This instance's members stop counting now rather than when their presence
			// lapses.
			this.presence.withdraw();
		}
		catch (DataAccessException ex) {
			logger.debug("Could not withdraw this instance's presence: " + ex);
		}
		this.subscription.stop();
	}

	@Override
	public boolean isRunning() {
		return this.availability.isRunning();
	}

	/**
	 * Before the web server starts (so that it takes no member the room cannot serve yet)
	 * and after it has stopped (its members have left), but within the Redis connection's
	 * life.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

	/**
	 * One listener of this instance: its events pass its {@link JoinGate} on their way to
	 * its delivery.
	 */
	private final class Listener {

		private final ChatListener listener;

		private final Delivery delivery;

		private final JoinGate gate;

		Listener(ChatListener listener, Delivery delivery, boolean member) {
			this.listener = listener;
			this.delivery = delivery;
			this.gate = new JoinGate(delivery::offer, member);
		}

		void unavailable() {
			this.delivery.stop();
			RedisChatRoom.this.executor.execute(() -> this.listener.onUnavailable(ChatUnavailableException.MESSAGE));
		}

	}

	private final class Member implements Membership {

		private final AtomicBoolean left = new AtomicBoolean();

		private volatile @Nullable String name;

		@Override
		public @Nullable String name() {
			return this.name;
		}

		@Override
		public Optional<ChatEvent.Message> say(String text) {
			if (this.left.get() || this.name == null) {
				return Optional.empty();
			}
			if (!RedisChatRoom.this.availability.isAvailable()) {
				throw new ChatUnavailableException();
			}
			String from = this.name;
			ChatEvent.Message message = new ChatEvent.Message(0, from, text, RedisChatRoom.this.clock.instant());
			long id = run(RedisScripts.SAY, from, RedisChatRoom.this.presence.id(), BrokerEvents.MESSAGE_START,
					RedisChatRoom.this.events.messageRest(from, text, message.ts()),
					Integer.toString(RedisChatRoom.this.historySize));
			return (id > 0) ? Optional.of(new ChatEvent.Message(id, from, text, message.ts())) : Optional.empty();
		}

		@Override
		public synchronized boolean rename(String name) {
			if (this.left.get() || this.name == null) {
				return false;
			}
			if (!RedisChatRoom.this.availability.isAvailable()) {
				throw new ChatUnavailableException();
			}
			long result = run(RedisScripts.RENAME, this.name, name, RedisChatRoom.this.presence.id());
			if (result == 1) {
				this.name = name;
			}
			return result == 1;
		}

		@Override
		public void cancel() {
			unsubscribe(this);
			if (this.left.getAndSet(true) || this.name == null) {
				return;
			}
			try {
				RedisChatRoom.this.redis.execute(RedisScripts.LEAVE, List.of(), RedisChatRoom.this.prefix, this.name,
						RedisChatRoom.this.presence.id());
			}
			catch (DataAccessException ex) {
				// Its presence lapses with this instance's when Redis answers again.
				logger.debug("Could not announce that " + this.name + " left: " + ex);
			}
		}

	}

}
