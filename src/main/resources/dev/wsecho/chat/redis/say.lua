-- ARGV: prefix, name, instance, the message's JSON before its id, after its id, history size.
-- Returns the message's id, or 0 when the member has left.
local p = ARGV[1]
if redis.call('HGET', p .. 'names', ARGV[2]) ~= ARGV[3] then
  return 0
end
local id = redis.call('INCR', p .. 'id')
local event = ARGV[4] .. id .. ARGV[5]
redis.call('XADD', p .. 'history', 'MAXLEN', ARGV[6], id .. '-0', 'event', event)
redis.call('PUBLISH', p .. 'events', event)
return id
