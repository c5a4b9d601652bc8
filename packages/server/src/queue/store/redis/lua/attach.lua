-- ARGV[5]: session. A connection of the session is now on this process: its messages come here from now on.
-- Reply: { 'epoch' } | { 'ok', held messages, waiting jobs as { id, group, listener }, running jobs as
-- { id, listener } } — so that this process can tell the client where each of its jobs stands.
if not epochBase() then return { 'epoch' } end
local s = ARGV[5]
local previous = redis.call('HGET', P .. 'presence', s)
if previous and previous ~= PROC then
  redis.call('SREM', P .. 'pp:' .. previous, s)
  -- The process it was connected to may still have a connection for it (a second reader): it stops being its reader.
  redis.call('PUBLISH', procChannel(previous), cjson.encode({ t = 'moved', s = s }))
end
redis.call('HSET', P .. 'presence', s, PROC)
redis.call('SADD', P .. 'pp:' .. PROC, s)
local heldKey = P .. 'held:' .. s
local held = redis.call('LRANGE', heldKey, 0, -1)
redis.call('DEL', heldKey)
local waiting, running = {}, {}
for _, id in ipairs(redis.call('SMEMBERS', skey(s))) do
  local j = loadJob(id)
  if j then waiting[#waiting + 1] = { id, j.g, j.dep } end
end
for _, id in ipairs(redis.call('SMEMBERS', srkey(s))) do
  local dep = redis.call('HGET', rkey(id), 'dep')
  if dep then running[#running + 1] = { id, dep } end
end
return { 'ok', held, waiting, running }
