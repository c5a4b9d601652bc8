-- ARGV[5..]: listener, group ('' for none), run time in ms. Moves the EWMAs. Reply: { 'epoch' } | { 'ok', listener average in µs }.
if not epochBase() then return { 'epoch' } end
local function ewma(key, field, ms)
  local previous = tonumber(redis.call('HGET', key, field))
  local value = previous and previous + ALPHA * (ms - previous) or ms
  redis.call('HSET', key, field, tostring(value))
  return value
end
local ms = tonumber(ARGV[7])
local value = ewma(P .. 'eta', ARGV[5], ms)
if ARGV[6] ~= '' then ewma(gkey(ARGV[6], 'meta'), 'eta', ms) end
return { 'ok', math.floor(value * 1000 + 0.5) }
