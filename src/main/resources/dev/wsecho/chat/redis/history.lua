-- ARGV: prefix, the first id wanted ('' for the latest), how many of the latest. Returns the
-- last id assigned so far, then the messages' JSON, oldest first.
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
