-- ARGV[5..]: group, slot index. The job in this process's slot should end soon (its listener's average run time
-- says so): the runnable head is reserved now to follow it, so that it starts the moment the slot frees, without a
-- round trip to Redis in between. It keeps its place and count (its departure is logged when it starts), but no
-- other slot takes it. Only while another job stays runnable behind it, so that a slot freeing elsewhere meanwhile
-- still finds work; one per slot; never a batch listener's job (a batch gathers at its start).
-- Reply: { 'epoch' } | { 'ok' } (nothing reserved) | { 'ok', claim }.
if not epochBase() then return { 'epoch' } end
local g, index = ARGV[5], ARGV[6]
local slots = gkey(g, 'slots')
local raw = redis.call('HGET', slots, index)
if not raw then return { 'ok' } end
local holder = cjson.decode(raw)
if holder.p ~= PROC or reservedFor(g, index, holder) then return { 'ok' } end
local run = gkey(g, 'run')
if redis.call('ZCARD', run) < 2 then return { 'ok' } end
local j = loadJob(redis.call('ZRANGE', run, 0, 0)[1])
if j.b > 0 then return { 'ok' } end
makeUnrunnable(j)
redis.call('HSET', jkey(j.id), 'rv', PROC, 'ri', index)
redis.call('SADD', rvKey(PROC), j.id)
holder.n = j.id
redis.call('HSET', slots, index, cjson.encode(holder))
touchLease(nowMs())
return { 'ok', { g, tonumber(index), { j.id }, j.dep, redis.call('HGET', P .. 'eta', j.dep) or '', { j.pl } } }
