-- Shared by join, leave, rename and members (prepended to each). ARGV[1] is the key prefix.
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
