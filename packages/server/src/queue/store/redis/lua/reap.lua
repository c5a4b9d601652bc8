-- ARGV[5..]: pairs of group id and limit (-1: none). Drops the processes whose lease expired (never this one),
-- frees their slots and hands them on to this process. Sessions that were connected to a dead process are away
-- now: their waiting jobs are parked (the reaper runs their grace period). A slot that a web process claimed for a
-- worker and no worker picked up within two leases is freed too (no worker is running), its jobs lost.
-- Claims another process handed to this one and that it still holds are listed too (as their JSON), so that one
-- lost with a dropped subscriber connection still runs (the caller skips those it has).
-- Reply: { 'epoch' } | { 'ok', lost jobs as { id, session }, lost unlimited runs, claims, sessions now away,
-- claims handed to this process }.
if not epochBase() then return { 'epoch' } end
local now = nowMs()
touchLease(now)
local dead = {}
for _, p in ipairs(redis.call('ZRANGEBYSCORE', P .. 'procs', '-inf', '(' .. fmt(now))) do
  if p ~= PROC then dead[p] = true; redis.call('ZREM', P .. 'procs', p) end
end
-- Jobs a dead process reserved never started there: they go back to their places.
for p in pairs(dead) do
  for _, id in ipairs(redis.call('SMEMBERS', rvKey(p))) do
    local j = loadJob(id)
    if j and j.rv == p then unreserve(j) end
  end
  redis.call('DEL', rvKey(p))
end
local lost, lostUnlimited, claims = {}, 0, {}
for i = 5, #ARGV, 2 do
  local g, limit = ARGV[i], tonumber(ARGV[i + 1])
  local slots = redis.call('HGETALL', gkey(g, 'slots'))
  for k = 1, #slots, 2 do
    local holder = cjson.decode(slots[k + 1])
    if dead[holder.p] or (holder.p == '' and holder.t + 2 * LEASE < now) then
      redis.call('HDEL', gkey(g, 'slots'), slots[k])
      for _, id in ipairs(holder.j) do
        lost[#lost + 1] = { id, redis.call('HGET', rkey(id), 's') or '' }
        unmarkRunning(id)
      end
    end
  end
  for p in pairs(dead) do
    lostUnlimited = lostUnlimited + (tonumber(redis.call('HGET', gkey(g, 'unl'), p)) or 0)
    redis.call('HDEL', gkey(g, 'unl'), p)
  end
  dispatch(g, limit, now, claims)
end
local away = {}
for p in pairs(dead) do
  for _, s in ipairs(redis.call('SMEMBERS', P .. 'pp:' .. p)) do
    if redis.call('HGET', P .. 'presence', s) == p then
      redis.call('HDEL', P .. 'presence', s)
      away[#away + 1] = s
      parkSession(s)
    end
  end
  redis.call('DEL', P .. 'pp:' .. p, pcKey(p))
end
local handed = {}
local pc = redis.call('HGETALL', pcKey(PROC))
for k = 1, #pc, 2 do
  if redis.call('HGET', rkey(pc[k]), 'p') == PROC then handed[#handed + 1] = pc[k + 1] else redis.call('HDEL', pcKey(PROC), pc[k]) end
end
publishChanges()
return { 'ok', lost, lostUnlimited, claims, away, handed }
