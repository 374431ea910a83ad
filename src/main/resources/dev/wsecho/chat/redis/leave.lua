-- ARGV: prefix, name, instance. Returns 1 when the member left, 0 when it was not there.
if redis.call('HGET', p .. 'names', ARGV[2]) ~= ARGV[3] then
  return 0
end
redis.call('HDEL', p .. 'names', ARGV[2])
redis.call('ZREM', p .. 'order', ARGV[2])
announce({type = 'leave', name = ARGV[2], members = members()})
return 1
