-- ARGV: prefix, wanted name ('' for a guest), instance. Returns the name given.
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
