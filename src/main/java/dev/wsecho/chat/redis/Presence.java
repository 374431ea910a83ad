package dev.wsecho.chat.redis;

import java.time.Duration;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * This instance's presence in Redis: a key {@code <prefix>instance:<id>} renewed with a
 * time to live of {@code presence-timeout}, under whose id its members are listed, so
 * that the members of an instance that stopped renewing (it crashed) lapse with it. After
 * every loss of Redis the instance takes a new id, so that the members it had lapse; the
 * old key is deleted once Redis answers again.
 */
final class Presence {

	/** The few Redis operations presence needs; thrown exceptions pass through. */
	interface Keys {

		void put(String key, Duration timeToLive);

		void delete(String key);

	}

	private final Keys keys;

	private final String prefix;

	private final Duration timeout;

	private final Supplier<String> ids;

	/** Keys of this instance's earlier ids, deleted once Redis answers again. */
	private final Queue<String> retired = new ConcurrentLinkedQueue<>();

	private volatile String id;

	Presence(Keys keys, String prefix, Duration timeout) {
		this(keys, prefix, timeout, () -> UUID.randomUUID().toString());
	}

	Presence(Keys keys, String prefix, Duration timeout, Supplier<String> ids) {
		this.keys = keys;
		this.prefix = prefix;
		this.timeout = timeout;
		this.ids = ids;
		this.id = ids.get();
	}

	/** The id this instance's members are listed under now. */
	String id() {
		return this.id;
	}

	/**
	 * Deletes the keys of earlier ids, then renews this one's; throws what Redis throws.
	 */
	void renew() {
		String old;
		while ((old = this.retired.peek()) != null) {
			this.keys.delete(old);
			this.retired.remove();
		}
		this.keys.put(key(this.id), this.timeout);
	}

	/**
	 * Redis was lost: the members listed under the current id are to lapse, and new ones
	 * get a new id.
	 */
	void retire() {
		this.retired.add(key(this.id));
		this.id = this.ids.get();
	}

	/**
	 * This instance stops: its members stop counting now rather than when its presence
	 * lapses.
	 */
	void withdraw() {
		this.keys.delete(key(this.id));
	}

	private String key(String id) {
		return this.prefix + "instance:" + id;
	}

}
