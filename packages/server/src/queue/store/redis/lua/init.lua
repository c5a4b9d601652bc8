-- Adopts the app's epoch, or starts one when the keys are new or Redis came back empty. Each epoch's tickets
-- start at its creation time in µs, so they never collide with the tickets of an epoch that was lost.
-- KEYS[1]: the epoch hash. ARGV[1]: the id to use if a new epoch starts. Reply: { id, created (0/1) }.
local current = redis.call('HGET', KEYS[1], 'id')
if current then return { current, 0 } end
local t = redis.call('TIME')
redis.call('HSET', KEYS[1], 'id', ARGV[1], 'base', string.format('%.0f', tonumber(t[1]) * 1000000 + tonumber(t[2])))
return { ARGV[1], 1 }
