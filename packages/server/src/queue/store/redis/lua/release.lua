-- ARGV[5..]: group, slot index (-1: unlimited), group limit (-1: none), the job reserved for the slot that this
-- process started in it ('' if none), the number k of run times recorded with it, k triples as record.lua takes
-- them, then the slot's job ids. Records the run times (one script per handoff). The slot is only touched if this
-- process still holds it for these jobs (a reaped process's late release must not free a slot handed on since).
-- If the job that started in it is still reserved for it, that job holds it now; otherwise the slot frees and goes
-- to the runnable head (a reservation that did not start goes back to its place first).
-- Reply: { 'epoch' } | { 'ok', claims, the recorded listeners' averages in µs, 1 if the reserved job holds the slot }.
if not epochBase() then return { 'epoch' } end
local g, index, limit, started, runs = ARGV[5], tonumber(ARGV[6]), tonumber(ARGV[7]), ARGV[8], tonumber(ARGV[9])
local averages = recordRuns(10, runs)
local first = 10 + 3 * runs
for i = first, #ARGV do unmarkRunning(ARGV[i], PROC) end
if ARGV[first] then redis.call('HDEL', pcKey(PROC), ARGV[first]) end
local now = nowMs()
local freed = nil
if index >= 0 then
  local raw = redis.call('HGET', gkey(g, 'slots'), index)
  local holder = raw and cjson.decode(raw)
  if holder and holder.p == PROC and (not ARGV[first] or holder.j[1] == ARGV[first]) then
    local reserved = reservedFor(g, index, holder)
    if reserved and reserved.id == started then
      -- It starts here rather than leaving the queue: nobody is told.
      clearReservation(reserved)
      depart(reserved)
      markRunning(reserved.id, reserved.s, reserved.dep, PROC)
      redis.call('HSET', gkey(g, 'slots'), index, cjson.encode({ j = { reserved.id }, p = PROC, t = now }))
      touchLease(now)
      publishChanges()
      return { 'ok', {}, averages, 1 }
    end
    redis.call('HDEL', gkey(g, 'slots'), index)
    freed = index
    if reserved then unreserve(reserved) end
  end
elseif (tonumber(redis.call('HGET', gkey(g, 'unl'), PROC)) or 0) > 0 then
  if redis.call('HINCRBY', gkey(g, 'unl'), PROC, -1) <= 0 then redis.call('HDEL', gkey(g, 'unl'), PROC) end
end
local claims = {}
dispatch(g, limit, now, claims, freed)
publishChanges()
return { 'ok', claims, averages, 0 }
