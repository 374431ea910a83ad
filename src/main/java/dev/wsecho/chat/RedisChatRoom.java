package dev.wsecho.chat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.lettuce.core.RedisCommandExecutionException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * A chat room that every instance on one Redis shares: ids, history and members live in Redis,
 * changed only by {@link RedisScripts}, and each instance hands the events of one channel to its
 * own listeners, in channel order (which is id order), through their {@link Delivery}.
 *
 * <p>
 * A new listener is registered before its history is read, and its events wait meanwhile; it then
 * receives the history and the events that waited, without the messages the history already held,
 * so that nothing is missed or repeated whichever instance it arrives at. Ids have no gaps, so a
 * message the subscription missed (its connection dropped and came back) shows as a jump in ids,
 * and is taken from the history before the one that showed it. Every few seconds the
 * instance renews its presence and so learns whether Redis answers: when it stops answering, every
 * listener is told (members are closed with 1013, event streams end) and new ones are refused,
 * until a probe published on the channel comes back, which shows that the subscription is live
 * again.
 */
class RedisChatRoom implements ChatRoom, MessageListener, SmartLifecycle {

	private static final Log logger = LogFactory.getLog(RedisChatRoom.class);

	private final StringRedisTemplate redis;

	private final BrokerEvents events;

	private final Executor executor;

	private final Clock clock;

	private final ChatProperties properties;

	private final int maxPending;

	private final String prefix;

	/** Hands channel messages over one at a time, in the order they arrived. */
	private final ThreadPoolTaskExecutor dispatcher = new ThreadPoolTaskExecutor();

	private final Map<Subscription, Listener> listeners = new ConcurrentHashMap<>();

	/** Presence keys of this instance's earlier connections to Redis, deleted once it answers again. */
	private final Queue<String> retired = new ConcurrentLinkedQueue<>();

	/** This instance's presence; renewed after every loss of Redis, so that old members lapse. */
	private volatile String instance = UUID.randomUUID().toString();

	private volatile boolean available;

	/** The id of the last message handed over; 0 when unknown (at start, after losing Redis). */
	private volatile long lastDispatched;

	private volatile ScheduledExecutorService checker;

	RedisChatRoom(StringRedisTemplate redis, BrokerEvents events, Executor executor, Clock clock,
			ChatProperties properties, int maxPending) {
		this.redis = redis;
		this.events = events;
		this.executor = executor;
		this.clock = clock;
		this.properties = properties;
		this.maxPending = maxPending;
		this.prefix = properties.redisKeyPrefix();
		this.dispatcher.setCorePoolSize(1);
		this.dispatcher.setMaxPoolSize(1);
		this.dispatcher.setThreadNamePrefix("chat-broker-");
		this.dispatcher.initialize();
	}

	/** The channel every instance publishes to and listens on. */
	String channel() {
		return this.prefix + "events";
	}

	/** Where the listener container hands over channel messages: one thread, so in order. */
	Executor dispatcher() {
		return this.dispatcher;
	}

	/** Whether the room can serve now: Redis answers and this instance's subscription is live. */
	boolean isAvailable() {
		return this.available;
	}

	@Override
	public Membership join(String wanted, Replay replay, ChatListener listener) {
		Member member = new Member();
		subscribe(member, replay, listener);
		try {
			member.name = run(RedisScripts.JOIN, (wanted != null) ? wanted : "", this.instance);
			Listener joined = this.listeners.get(member);
			if (joined != null) {
				joined.joinedAs(member.name);
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
		Subscription subscription = new Subscription() {

			@Override
			public void cancel() {
				unsubscribe(this);
			}

		};
		subscribe(subscription, replay, listener);
		return subscription;
	}

	@Override
	public List<String> members() {
		return run(RedisScripts.MEMBERS);
	}

	private void subscribe(Subscription subscription, Replay replay, ChatListener listener) {
		if (!this.available) {
			throw new ChatUnavailableException();
		}
		Listener waiting = new Listener(listener,
				new Delivery(listener, this.executor, this.maxPending, subscription::cancel),
				subscription instanceof Member);
		this.listeners.put(subscription, waiting);
		try {
			List<String> read = run(RedisScripts.HISTORY, (replay.since() >= 0) ? Long.toString(replay.since() + 1) : "",
					Integer.toString(replay.wanted() ? replay.recent() : 0));
			long lastId = Long.parseLong(read.get(0));
			ChatEvent.History history = null;
			if (replay.wanted()) {
				List<ChatEvent.Message> messages = new ArrayList<>();
				for (String message : read.subList(1, read.size())) {
					messages.add(BrokerEvents.message(this.events.read(message)));
				}
				// Ids have no gaps, so the history is whole when it starts right after since.
				boolean complete = replay.since() < 0 || replay.since() >= lastId
						|| (!messages.isEmpty() && messages.get(0).id() == replay.since() + 1);
				history = new ChatEvent.History(messages, complete);
			}
			waiting.start(history, lastId);
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

	/** Runs a script with the key prefix first; a Redis that cannot be reached makes the room unavailable. */
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

	/** The exception to throw for {@code ex}; one that Redis answered with is a bug, and propagates. */
	private RuntimeException unavailable(DataAccessException ex) {
		if (ex.getCause() instanceof RedisCommandExecutionException) {
			return ex;
		}
		lost(ex);
		return new ChatUnavailableException(ex);
	}

	@Override
	public void onMessage(Message message, byte[] pattern) {
		JsonNode node = this.events.read(new String(message.getBody(), StandardCharsets.UTF_8));
		if ("probe".equals(node.path("type").asString())) {
			if (this.instance.equals(node.path("instance").asString()) && !this.available) {
				this.available = true;
				logger.info("Chat broker (Redis) reachable; the chat is available");
			}
			return;
		}
		ChatEvent event = BrokerEvents.decode(node);
		if (event instanceof ChatEvent.Message said) {
			long last = this.lastDispatched;
			if (last > 0 && said.id() > last + 1) {
				fillGap(last, said.id());
			}
			this.lastDispatched = said.id();
		}
		if (event != null) {
			dispatch(event);
		}
	}

	private void dispatch(ChatEvent event) {
		this.listeners.values().forEach((listener) -> listener.accept(event));
	}

	/**
	 * Hands over the messages between {@code after} and {@code before} from the history: the
	 * subscription missed them (its connection dropped and came back while Redis stayed up).
	 */
	private void fillGap(long after, long before) {
		try {
			List<String> read = run(RedisScripts.HISTORY, Long.toString(after + 1), "0");
			List<ChatEvent.Message> missed = new ArrayList<>();
			for (String text : read.subList(1, read.size())) {
				ChatEvent.Message message = BrokerEvents.message(this.events.read(text));
				if (message.id() < before) {
					missed.add(message);
				}
			}
			logger.info("The chat subscription missed messages " + (after + 1) + " to " + (before - 1) + "; "
					+ missed.size() + " of them taken from the history");
			missed.forEach(this::dispatch);
		}
		catch (ChatUnavailableException ex) {
			logger.debug("Could not fill a gap in the chat subscription: " + ex);
		}
	}

	/** Renews this instance's presence; after a loss, probes the subscription until it works again. */
	private void check() {
		try {
			String retiredKey;
			while ((retiredKey = this.retired.peek()) != null) {
				this.redis.delete(retiredKey);
				this.retired.remove();
			}
			this.redis.opsForValue().set(presenceKey(), "1", this.properties.presenceTimeout());
			if (!this.available) {
				this.redis.convertAndSend(channel(), "{\"type\":\"probe\",\"instance\":\"" + this.instance + "\"}");
			}
		}
		catch (DataAccessException ex) {
			if (ex.getCause() instanceof RedisCommandExecutionException) {
				logger.error("Chat broker check failed", ex);
			}
			else {
				lost(ex);
			}
		}
		catch (RuntimeException ex) {
			logger.error("Chat broker check failed", ex);
		}
	}

	private String presenceKey() {
		return this.prefix + "instance:" + this.instance;
	}

	/** Ends every listener and starts over with a new presence once Redis answers again. */
	private synchronized void lost(Exception ex) {
		if (!this.available) {
			return;
		}
		this.available = false;
		this.lastDispatched = 0;
		logger.warn("Chat broker (Redis) unreachable; the chat is unavailable until it answers: " + ex);
		this.retired.add(presenceKey());
		this.instance = UUID.randomUUID().toString();
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

	@Override
	public void start() {
		ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "chat-broker-check");
			thread.setDaemon(true);
			return thread;
		});
		long period = this.properties.brokerCheckInterval().toMillis();
		checker.scheduleWithFixedDelay(this::check, 0, period, TimeUnit.MILLISECONDS);
		this.checker = checker;
	}

	@Override
	public void stop() {
		ScheduledExecutorService checker = this.checker;
		if (checker != null) {
			checker.shutdownNow();
			this.checker = null;
		}
		try {
			// This instance's members stop counting now rather than when their presence lapses.
			this.redis.delete(presenceKey());
		}
		catch (DataAccessException ex) {
			logger.debug("Could not withdraw this instance's presence: " + ex);
		}
		this.dispatcher.shutdown();
	}

	@Override
	public boolean isRunning() {
		return this.checker != null;
	}

	/** After the web server has stopped (its members have left), before the Redis connection goes. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

	/**
	 * One listener of this instance: its events wait until its history has been read and, for a
	 * member, until its own join has come back, which it then receives first, as in one process;
	 * a message whose id it has already been given (in the history) is not given again.
	 */
	private final class Listener {

		private final ChatListener listener;

		private final Delivery delivery;

		private final boolean member;

		private List<ChatEvent> waiting = new ArrayList<>();

		private boolean historyRead;

		private String ownName;

		private long lastId;

		Listener(ChatListener listener, Delivery delivery, boolean member) {
			this.listener = listener;
			this.delivery = delivery;
			this.member = member;
		}

		synchronized void accept(ChatEvent event) {
			if (this.waiting != null) {
				this.waiting.add(event);
				release();
			}
			else {
				pass(event);
			}
		}

		/** Hands over the history; {@code lastId} was the last id when the history was read. */
		synchronized void start(ChatEvent.History history, long lastId) {
			if (history != null) {
				this.delivery.offer(history);
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
		 * Ends the wait when it can: a member receives its own join, then the messages said while
		 * it was joining, then what followed; the joins and leaves before its own are already in
		 * the members list its join carries.
		 */
		private void release() {
			if (!this.historyRead) {
				return;
			}
			List<ChatEvent> waited = this.waiting;
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
			this.delivery.offer(event);
		}

		void unavailable() {
			this.delivery.stop();
			RedisChatRoom.this.executor.execute(() -> this.listener.onUnavailable(ChatUnavailableException.MESSAGE));
		}

	}

	private final class Member implements Membership {

		private final AtomicBoolean left = new AtomicBoolean();

		private volatile String name;

		@Override
		public String name() {
			return this.name;
		}

		@Override
		public Optional<ChatEvent.Message> say(String text) {
			if (this.left.get() || this.name == null) {
				return Optional.empty();
			}
			if (!RedisChatRoom.this.available) {
				throw new ChatUnavailableException();
			}
			String from = this.name;
			ChatEvent.Message message = new ChatEvent.Message(0, from, text, RedisChatRoom.this.clock.instant());
			long id = run(RedisScripts.SAY, from, RedisChatRoom.this.instance, BrokerEvents.MESSAGE_START,
					RedisChatRoom.this.events.messageRest(from, text, message.ts()),
					Integer.toString(RedisChatRoom.this.properties.historySize()));
			return (id > 0) ? Optional.of(new ChatEvent.Message(id, from, text, message.ts())) : Optional.empty();
		}

		@Override
		public synchronized boolean rename(String name) {
			if (this.left.get() || this.name == null) {
				return false;
			}
			if (!RedisChatRoom.this.available) {
				throw new ChatUnavailableException();
			}
			long result = run(RedisScripts.RENAME, this.name, name, RedisChatRoom.this.instance);
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
						RedisChatRoom.this.instance);
			}
			catch (DataAccessException ex) {
				// Its presence lapses with this instance's when Redis answers again.
				logger.debug("Could not announce that " + this.name + " left: " + ex);
			}
		}

	}

}
