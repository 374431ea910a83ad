-- ARGV: prefix, old name, new name, instance. Returns 1 when renamed (or the same name), 0 when
-- the name is taken, -1 when the member has left.
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
