-- ARGV[5]: session, ARGV[6]: a job message (JSON), ARGV[7]: a process that must not get it back ('' for none),
-- ARGV[8]: how long held messages are kept (ms). Sends the message to the process the session is connected to;
-- when it is connected nowhere (or that process is gone: nobody heard the publish) the message is held for its
-- return, the newest HELD_MAX kept. Reply: { 1 } sent | { 0 } held.
local HELD_MAX = 200
local s, message, except = ARGV[5], ARGV[6], ARGV[7]
local p = redis.call('HGET', P .. 'presence', s)
if p and p ~= except then
  local envelope = '{"t":"job","s":' .. cjson.encode(s) .. ',"m":' .. message .. '}'
  if redis.call('PUBLISH', procChannel(p), envelope) > 0 then return { 1 } end
end
local held = P .. 'held:' .. s
redis.call('RPUSH', held, message)
redis.call('LTRIM', held, -HELD_MAX, -1)
redis.call('PEXPIRE', held, ARGV[8])
return { 0 }
