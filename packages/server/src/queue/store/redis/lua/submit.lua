-- ARGV[5..]: job id, group, listener, session, ip, group limit (-1: none), batch size (0: none),
-- maxSize, maxJobsPerSession, maxJobsPerIp (-1: no cap), payload (what another process needs to run it).
-- Reply: { 'epoch' } | { 'refused', session's waiting, address's waiting } | { 'full', waiting } | { 'started', claim }
--      | { 'dispatched' } (a slot was free; it waits for a worker) | { 'queued', ticket, groupState (as it was before
--      this job joined, but with it counted) }.
local base = epochBase()
if not base then return { 'epoch' } end
local id, g, dep, s, ip = ARGV[5], ARGV[6], ARGV[7], ARGV[8], ARGV[9]
local limit, batch = tonumber(ARGV[10]), tonumber(ARGV[11])
local maxSize, maxSession, maxIp = tonumber(ARGV[12]), tonumber(ARGV[13]), tonumber(ARGV[14])
local payload = ARGV[15]
local now = nowMs()

local sessionWaiting = redis.call('SCARD', skey(s))
local ipWaiting = tonumber(redis.call('HGET', P .. 'ip', ip)) or 0
if (maxSession >= 0 and sessionWaiting >= maxSession) or (maxIp >= 0 and ipWaiting >= maxIp) then
  return { 'refused', sessionWaiting, ipWaiting }
end

if redis.call('ZCARD', gkey(g, 'run')) == 0 then
  local index = freeIndex(g, limit)
  if index then
    local taken = claim(g, index, { id = id, s = s, dep = dep, pl = payload }, batch, now)
    if not taken then return { 'dispatched' } end
    -- The submitter runs its own job: its payload (inputs up to the message limit) need not travel back.
    taken[6][1] = ''
    return { 'started', taken }
  end
end

local waiting = tonumber(redis.call('GET', P .. 'waiting')) or 0
if maxSize >= 0 and waiting >= maxSize then return { 'full', waiting } end

local ticket = base + redis.call('HINCRBY', gkey(g, 'meta'), 'tick', 1) - 1
local t = fmt(ticket)
redis.call('HSET', jkey(id), 'g', g, 'dep', dep, 's', s, 'ip', ip, 't', t, 'p', '0', 'b', batch, 'pl', payload, 'sp', PROC)
redis.call('ZADD', gkey(g, 'wait'), t, id)
makeRunnable({ id = id, g = g, dep = dep, t = t, b = batch })
redis.call('SADD', skey(s), id)
redis.call('HINCRBY', P .. 'ip', ip, 1)
redis.call('INCR', P .. 'waiting')
changed[g] = true
publishChanges()
return { 'queued', ticket, groupState(g, limit, now) }
