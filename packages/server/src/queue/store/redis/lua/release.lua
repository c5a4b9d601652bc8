-- ARGV[5..]: group, slot index (-1: unlimited), group limit (-1: none), the number k of run times recorded with
-- it, k triples as record.lua takes them, then the slot's job ids. Records the run times (one script per handoff),
-- frees the slot only if this process still holds it (a reaped process's late release must not free a slot handed
-- on since), then hands free slots to the runnable head.
-- Reply: { 'epoch' } | { 'ok', claims, the recorded listeners' averages in µs }.
if not epochBase() then return { 'epoch' } end
local g, index, limit, runs = ARGV[5], tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8])
local averages = recordRuns(9, runs)
local first = 9 + 3 * runs
for i = first, #ARGV do unmarkRunning(ARGV[i], PROC) end
if ARGV[first] then redis.call('HDEL', pcKey(PROC), ARGV[first]) end
local freed = nil
if index >= 0 then
  local holder = redis.call('HGET', gkey(g, 'slots'), index)
  if holder and cjson.decode(holder).p == PROC then
    redis.call('HDEL', gkey(g, 'slots'), index)
    freed = index
  end
elseif (tonumber(redis.call('HGET', gkey(g, 'unl'), PROC)) or 0) > 0 then
  if redis.call('HINCRBY', gkey(g, 'unl'), PROC, -1) <= 0 then redis.call('HDEL', gkey(g, 'unl'), PROC) end
end
local claims = {}
dispatch(g, limit, nowMs(), claims, freed)
publishChanges()
return { 'ok', claims, averages }
