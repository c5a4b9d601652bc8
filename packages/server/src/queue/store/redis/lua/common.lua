-- Prepended to every script but init.lua. ARGV[1] is the app's key prefix (`<prefix>{<app>}:`, one hash tag,
-- so that every key a script touches lives in one cluster slot), ARGV[2] the epoch this process believes in,
-- ARGV[3] its process id, ARGV[4] its lease in ms; a script's own arguments start at ARGV[5].
local P = ARGV[1]
local EPOCH = ARGV[2]
local PROC = ARGV[3]
local LEASE = tonumber(ARGV[4])
-- Departure logs keep at least LOG_KEEP tickets; trimmed only past LOG_TRIM_AT so that trimming is amortised.
local LOG_KEEP = 100000
local LOG_TRIM_AT = 110000
local ALPHA = 0.3

local changed = {}

-- Tickets are microsecond-based and exceed the 14 digits Lua's tostring keeps exactly.
local function fmt(n) return string.format('%.0f', n) end

local function nowMs()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

local function gkey(g, part) return P .. 'g:' .. g .. ':' .. part end
local function jkey(id) return P .. 'j:' .. id end
local function skey(s) return P .. 's:' .. s end

-- A Redis that restarted empty lost the epoch key: every caller must notice rather than write into a void.
local function epochBase()
  local e = redis.call('HMGET', P .. 'epoch', 'id', 'base')
  if e[1] ~= EPOCH then return nil end
  return tonumber(e[2])
end

local function touchLease(now)
  redis.call('ZADD', P .. 'procs', 'GT', fmt(now + LEASE), PROC)
end

local function publishChanges()
  for g in pairs(changed) do redis.call('PUBLISH', P .. 'changes', g) end
end

-- `sp`: the process that admitted the job (it has the job's inputs, and usually its client).
local function loadJob(id)
  local f = redis.call('HMGET', jkey(id), 'g', 'dep', 's', 'ip', 't', 'p', 'b', 'pl', 'sp', 'rv', 'ri')
  if not f[1] then return nil end
  return { id = id, g = f[1], dep = f[2], s = f[3], ip = f[4], t = f[5], parked = f[6] == '1', b = tonumber(f[7]), pl = f[8] or '', sp = f[9], rv = f[10], ri = f[11] }
end

-- Jobs a process reserved to follow the job in one of its slots (reserve.lua), by process. A reserved job keeps its
-- place and count but is out of the runnable set until it starts in that slot, or goes back (`unreserve`); its
-- fields `rv` and `ri` name the process and the slot index, and the slot's holder names it as `n` (a hint, checked
-- against those fields).
local function rvKey(p) return P .. 'rv:' .. p end

-- Running jobs: which process runs each (for cancels sent to another process, and for a dead process's jobs),
-- and each session's, for a session that moves to another process.
local function rkey(id) return P .. 'r:' .. id end
local function srkey(s) return P .. 'sr:' .. s end
local function procChannel(p) return P .. 'proc:' .. p end

local function markRunning(id, s, dep, holder)
  redis.call('HSET', rkey(id), 'p', holder, 's', s, 'dep', dep)
  redis.call('SADD', srkey(s), id)
end

-- Forgets a running job; with `holder`, only if that process runs it (a reaped process's late release must not
-- touch a job handed on since).
local function unmarkRunning(id, holder)
  local r = redis.call('HMGET', rkey(id), 'p', 's')
  if not r[1] or (holder and r[1] ~= holder) then return end
  redis.call('SREM', srkey(r[2]), id)
  redis.call('DEL', rkey(id))
end

local function makeRunnable(j)
  redis.call('ZADD', gkey(j.g, 'run'), j.t, j.id)
  if j.b > 0 then redis.call('ZADD', gkey(j.g, 'd:' .. j.dep), j.t, j.id) end
end

local function makeUnrunnable(j)
  redis.call('ZREM', gkey(j.g, 'run'), j.id)
  if j.b > 0 then redis.call('ZREM', gkey(j.g, 'd:' .. j.dep), j.id) end
end

-- The job is reserved no more. (A slot holder's `n` may still name it: `reservedFor` checks the job's own fields.)
local function clearReservation(j)
  redis.call('HDEL', jkey(j.id), 'rv', 'ri')
  redis.call('SREM', rvKey(j.rv), j.id)
  j.rv, j.ri = nil, nil
end

-- A reserved job goes back to its place among the runnable (or stays parked, if its session is away).
local function unreserve(j)
  clearReservation(j)
  if not j.parked then makeRunnable(j) end
end

-- The session's waiting jobs keep their place and count but leave the runnable sets: it is away. The process that
-- reserved one to follow in a slot is told, so that it does not start it; its release then puts it back, parked.
-- (One that started before the notice came runs, its messages held for the session, as a running job's are.)
local function parkSession(s)
  for _, id in ipairs(redis.call('SMEMBERS', skey(s))) do
    local j = loadJob(id)
    if j and not j.parked then
      redis.call('HSET', jkey(id), 'p', '1')
      j.parked = true
      makeUnrunnable(j)
      if j.rv then redis.call('PUBLISH', procChannel(j.rv), cjson.encode({ t = 'unreserved', j = j.id })) end
    end
  end
end

-- The job reserved to follow in this process's slot `index` of group `g`, if it is still reserved for it.
local function reservedFor(g, index, holder)
  if not holder.n then return nil end
  local j = loadJob(holder.n)
  if j and j.g == g and j.rv == PROC and tonumber(j.ri) == tonumber(index) then return j end
  return nil
end

-- Takes a waiting job out of every set and count, and logs its ticket as a departure. A reserved job left the
-- queue: the process that reserved it is told, so that it does not start it.
local function depart(j)
  if j.rv then
    redis.call('SREM', rvKey(j.rv), j.id)
    redis.call('PUBLISH', procChannel(j.rv), cjson.encode({ t = 'unreserved', j = j.id }))
  end
  redis.call('ZREM', gkey(j.g, 'wait'), j.id)
  if not j.parked then makeUnrunnable(j) end
  redis.call('SREM', skey(j.s), j.id)
  if redis.call('HINCRBY', P .. 'ip', j.ip, -1) <= 0 then redis.call('HDEL', P .. 'ip', j.ip) end
  redis.call('DECR', P .. 'waiting')
  local log = gkey(j.g, 'dlog')
  local len = redis.call('RPUSH', log, j.t)
  if len > LOG_TRIM_AT then
    local drop = len - LOG_KEEP
    redis.call('LTRIM', log, drop, -1)
    redis.call('HINCRBY', gkey(j.g, 'meta'), 'dbase', drop)
  end
  redis.call('DEL', jkey(j.id))
  changed[j.g] = true
end

-- The lowest free slot index, or nil; `limit` < 0 means unlimited (always free, index -1).
local function freeIndex(g, limit)
  if limit < 0 then return -1 end
  local slots = gkey(g, 'slots')
  if redis.call('HLEN', slots) >= limit then return nil end
  for i = 0, limit - 1 do
    if redis.call('HEXISTS', slots, i) == 0 then return i end
  end
  return nil
end

-- Claims handed to another process, by head job id, until it releases them: a process whose subscriber connection
-- dropped with a claim in it finds the claim here (reap.lua).
local function pcKey(p) return P .. 'pc:' .. p end

-- Which process runs a claim: the one that admitted its head job, if that is not the caller, is alive, runs handlers
-- and hears its channel (the claim is published to it); otherwise the caller. The admitting process has the job's
-- inputs and usually its client, so nothing travels but this message, and each process runs its own clients' jobs.
local function handOff(head, reply, now)
  local sp = head.sp
  if not sp or sp == '' or sp == PROC then return PROC end
  local lease = tonumber(redis.call('ZSCORE', P .. 'procs', sp))
  if not lease or lease < now or redis.call('SISMEMBER', P .. 'webs', sp) == 1 then return PROC end
  local text = cjson.encode(reply)
  if redis.call('PUBLISH', procChannel(sp), '{"t":"claim","c":' .. text .. '}') == 0 then return PROC end
  redis.call('HSET', pcKey(sp), head.id, text)
  return sp
end

-- Holds slot `index` for the jobs: a batch listener's head pulls its listener's further runnable jobs forward.
-- `head` is the loaded job (its payload goes to the claimer, which may not be the process that submitted it).
-- Reply: { group, index (-1: none), jobIds, listener, listener's average run time or '', payloads }, or nil when
-- the claim went to another process (published to it) or waits on the ready list for a worker.
local function claim(g, index, head, batch, now)
  local ids, payloads, sessions = { head.id }, { head.pl }, { head.s }
  if batch > 1 then
    local more = redis.call('ZRANGE', gkey(g, 'd:' .. head.dep), 0, batch - 2)
    for _, id in ipairs(more) do
      local j = loadJob(id)
      depart(j)
      ids[#ids + 1] = id
      payloads[#payloads + 1] = j.pl
      sessions[#sessions + 1] = j.s
    end
  end
  local reply = { g, index, ids, head.dep, redis.call('HGET', P .. 'eta', head.dep) or '', payloads }
  local holder = handOff(head, reply, now)
  if holder == PROC and redis.call('SISMEMBER', P .. 'webs', PROC) == 1 then
    -- A process that runs no handlers: the claim waits on the ready list for a worker to pick it up.
    for i, id in ipairs(ids) do markRunning(id, sessions[i], head.dep, '') end
    if index >= 0 then redis.call('HSET', gkey(g, 'slots'), index, cjson.encode({ j = ids, p = '', t = now })) end
    redis.call('RPUSH', P .. 'ready', cjson.encode(reply))
    return nil
  end
  for i, id in ipairs(ids) do markRunning(id, sessions[i], head.dep, holder) end
  if index < 0 then
    redis.call('HINCRBY', gkey(g, 'unl'), holder, 1)
  else
    redis.call('HSET', gkey(g, 'slots'), index, cjson.encode({ j = ids, p = holder, t = now }))
  end
  if holder ~= PROC then return nil end
  touchLease(now)
  return reply
end

-- Starts runnable jobs, in ticket order, while the group has free slots. `free`: a slot index known to be free
-- (the one a release just freed), so that the first one needn't be looked for.
local function dispatch(g, limit, now, claims, free)
  while true do
    local index = free or freeIndex(g, limit)
    free = nil
    if not index then return end
    local head = redis.call('ZRANGE', gkey(g, 'run'), 0, 0)[1]
    if not head then return end
    local j = loadJob(head)
    depart(j)
    local taken = claim(g, index, j, j.b, now)
    if taken then claims[#claims + 1] = taken end
  end
end

-- ms until the group's next slot should free up: -1 while its run time is unknown.
local function timeToFreeSlot(g, limit, now)
  local avg = tonumber(redis.call('HGET', gkey(g, 'meta'), 'eta'))
  if not avg then return -1, -1 end
  if freeIndex(g, limit) then return 0, avg end
  local oldest = nil
  for _, holder in ipairs(redis.call('HVALS', gkey(g, 'slots'))) do
    local t = cjson.decode(holder).t
    if not oldest or t < oldest then oldest = t end
  end
  return math.max(0, (oldest or now) + avg - now), avg
end

-- { waiting, left-log length, ms to a free slot or -1, average run or -1 }, as integers for the reply.
local function groupState(g, limit, now)
  local meta = redis.call('HMGET', gkey(g, 'meta'), 'dbase')
  local logLength = (tonumber(meta[1]) or 0) + redis.call('LLEN', gkey(g, 'dlog'))
  local free, avg = timeToFreeSlot(g, limit, now)
  return { redis.call('ZCARD', gkey(g, 'wait')), logLength, math.floor(free + 0.5), math.floor(avg * 1000 + 0.5) }
end

-- Moves the run-time EWMAs by `count` samples of (listener, group or '', ms) read from ARGV[from] on. Returns each
-- sample's listener average in µs, for the caller's cache.
local function recordRuns(from, count)
  local function ewma(key, field, ms)
    local previous = tonumber(redis.call('HGET', key, field))
    local value = previous and previous + ALPHA * (ms - previous) or ms
    redis.call('HSET', key, field, tostring(value))
    return value
  end
  local averages = {}
  for i = 0, count - 1 do
    local dep, g, ms = ARGV[from + 3 * i], ARGV[from + 3 * i + 1], tonumber(ARGV[from + 3 * i + 2])
    averages[#averages + 1] = math.floor(ewma(P .. 'eta', dep, ms) * 1000 + 0.5)
    if g ~= '' then ewma(gkey(g, 'meta'), 'eta', ms) end
  end
  return averages
end
