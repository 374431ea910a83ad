package dev.wsecho.chat;

import java.util.List;

import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts that change the room in Redis, each one atomic step: an id is assigned, kept in
 * the history and published together, so that the channel carries messages in id order; a member
 * is claimed, listed and announced together. Every script takes the key prefix as its first
 * argument and builds its keys from it (one Redis, not a Cluster):
 * <ul>
 * <li>{@code id}: the last message id; {@code history}: a stream of the last messages, entry id
 * {@code <message id>-0}, field {@code event} the message's JSON;</li>
 * <li>{@code events}: the channel of every event;</li>
 * <li>{@code names}: a hash of member name to the instance that holds it; {@code order}: a sorted
 * set of names by join order; {@code instance:<id>}: a key each live instance keeps renewing with
 * a time to live, so that the members of one that crashed stop counting.</li>
 * </ul>
 */
final class RedisScripts {

	private static final String COMMON = """
			local p = ARGV[1]
			local function alive(owner)
			  return owner and redis.call('EXISTS', p .. 'instance:' .. owner) == 1
			end
			local function members()
			  local live = {}
			  for _, name in ipairs(redis.call('ZRANGE', p .. 'order', 0, -1)) do
			    if alive(redis.call('HGET', p .. 'names', name)) then
			      live[#live + 1] = name
			    else
			      redis.call('ZREM', p .. 'order', name)
			      redis.call('HDEL', p .. 'names', name)
			    end
			  end
			  return live
			end
			local function announce(event)
			  redis.call('PUBLISH', p .. 'events', cjson.encode(event))
			end
			""";

	/** ARGV: prefix, wanted name ('' for a guest), instance. Returns the name given. */
	static final RedisScript<String> JOIN = new DefaultRedisScript<>(COMMON + """
			local name = ARGV[2]
			if name == '' or alive(redis.call('HGET', p .. 'names', name)) then
			  repeat
			    name = 'guest-' .. redis.call('INCR', p .. 'guests')
			  until not alive(redis.call('HGET', p .. 'names', name))
			end
			redis.call('HSET', p .. 'names', name, ARGV[3])
			redis.call('ZADD', p .. 'order', redis.call('INCR', p .. 'joins'), name)
			announce({type = 'join', name = name, members = members()})
			return name
			""", String.class);

	/** ARGV: prefix, name, instance. Returns 1 when the member left, 0 when it was not there. */
	static final RedisScript<Long> LEAVE = new DefaultRedisScript<>(COMMON + """
			if redis.call('HGET', p .. 'names', ARGV[2]) ~= ARGV[3] then
			  return 0
			end
			redis.call('HDEL', p .. 'names', ARGV[2])
			redis.call('ZREM', p .. 'order', ARGV[2])
			announce({type = 'leave', name = ARGV[2], members = members()})
			return 1
			""", Long.class);

	/**
	 * ARGV: prefix, old name, new name, instance. Returns 1 when renamed (or the same name), 0 when
	 * the name is taken, -1 when the member has left.
	 */
	static final RedisScript<Long> RENAME = new DefaultRedisScript<>(COMMON + """
			local old, new = ARGV[2], ARGV[3]
			if redis.call('HGET', p .. 'names', old) ~= ARGV[4] then
			  return -1
			end
			if old == new then
			  return 1
			end
			if alive(redis.call('HGET', p .. 'names', new)) then
			  return 0
			end
			local joined = redis.call('ZSCORE', p .. 'order', old)
			redis.call('HDEL', p .. 'names', old)
			redis.call('ZREM', p .. 'order', old)
			redis.call('HSET', p .. 'names', new, ARGV[4])
			redis.call('ZADD', p .. 'order', joined, new)
			announce({type = 'nick', from = old, name = new, members = members()})
			return 1
			""", Long.class);

	/**
	 * ARGV: prefix, name, instance, the message's JSON before its id, after its id, history size.
	 * Returns the message's id, or 0 when the member has left.
	 */
	static final RedisScript<Long> SAY = new DefaultRedisScript<>("""
			local p = ARGV[1]
			if redis.call('HGET', p .. 'names', ARGV[2]) ~= ARGV[3] then
			  return 0
			end
			local id = redis.call('INCR', p .. 'id')
			local event = ARGV[4] .. id .. ARGV[5]
			redis.call('XADD', p .. 'history', 'MAXLEN', ARGV[6], id .. '-0', 'event', event)
			redis.call('PUBLISH', p .. 'events', event)
			return id
			""", Long.class);

	/**
	 * ARGV: prefix, the first id wanted ('' for the latest), how many of the latest. Returns the
	 * last id assigned so far, then the messages' JSON, oldest first.
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	static final RedisScript<List<String>> HISTORY = new DefaultRedisScript<>("""
			local p = ARGV[1]
			local out = {redis.call('GET', p .. 'id') or '0'}
			local entries = {}
			if ARGV[2] ~= '' then
			  entries = redis.call('XRANGE', p .. 'history', ARGV[2], '+')
			elseif tonumber(ARGV[3]) > 0 then
			  entries = redis.call('XREVRANGE', p .. 'history', '+', '-', 'COUNT', ARGV[3])
			end
			local first, last, step = 1, #entries, 1
			if ARGV[2] == '' then
			  first, last, step = #entries, 1, -1
			end
			for i = first, last, step do
			  out[#out + 1] = entries[i][2][2]
			end
			return out
			""", (Class) List.class);

	/** ARGV: prefix. Returns the live members in join order, forgetting those of dead instances. */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	static final RedisScript<List<String>> MEMBERS = new DefaultRedisScript<>(COMMON + """
			return members()
			""", (Class) List.class);

	private RedisScripts() {
	}

}
