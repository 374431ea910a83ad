package dev.wsecho.chat.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts that change the room in Redis ({@code *.lua} beside this class on the
 * classpath; {@code common.lua} is put in front of those that list members), each one
 * atomic step: an id is assigned, kept in the history and published together, so that the
 * channel carries messages in id order; a member is claimed, listed and announced
 * together. Every script takes the key prefix as its first argument and builds its keys
 * from it (one Redis, not a Cluster):
 * <ul>
 * <li>{@code id}: the last message id; {@code history}: a stream of the last messages,
 * entry id {@code <message id>-0}, field {@code event} the message's JSON;</li>
 * <li>{@code events}: the channel of every event;</li>
 * <li>{@code names}: a hash of member name to the instance that holds it; {@code order}:
 * a sorted set of names by join order; {@code instance:<id>}: a key each live instance
 * keeps renewing with a time to live, so that the members of one that crashed stop
 * counting.</li>
 * </ul>
 */
final class RedisScripts {

	/** Joins as the wanted name, or a free guest name; returns the name given. */
	static final RedisScript<String> JOIN = withCommon("join.lua", String.class);

	/** Leaves; returns 1 when the member left, 0 when it was not there. */
	static final RedisScript<Long> LEAVE = withCommon("leave.lua", Long.class);

	/**
	 * Renames; returns 1 when renamed (or the same name), 0 when taken, -1 when the
	 * member left.
	 */
	static final RedisScript<Long> RENAME = withCommon("rename.lua", Long.class);

	/** Says a message; returns its id, or 0 when the member has left. */
	static final RedisScript<Long> SAY = RedisScript.of(resource("say.lua"), Long.class);

	/**
	 * Returns the last id assigned so far, then the messages' JSON asked for, oldest
	 * first.
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	static final RedisScript<List<String>> HISTORY = RedisScript.of(resource("history.lua"), (Class) List.class);

	/** Returns the live members in join order, forgetting those of dead instances. */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	static final RedisScript<List<String>> MEMBERS = withCommon("members.lua", (Class) List.class);

	private RedisScripts() {
	}

	private static Resource resource(String name) {
		return new ClassPathResource(name, RedisScripts.class);
	}

	/**
	 * The script with {@code common.lua} in front, as one text: Redis runs a script as
	 * one chunk.
	 */
	private static <T> RedisScript<T> withCommon(String name, Class<T> type) {
		return new DefaultRedisScript<>(text("common.lua") + text(name), type);
	}

	private static String text(String name) {
		try {
			return resource(name).getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The chat's Redis script " + name + " is missing", ex);
		}
	}

}
