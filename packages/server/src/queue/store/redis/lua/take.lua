-- ARGV[5..]: group, limit (-1: none), this process's cursor in the group's departure log.
-- Reply: { 'epoch' } | { 'ok', first sequence returned, departed tickets since the cursor, groupState }.
if not epochBase() then return { 'epoch' } end
local g, limit, cursor = ARGV[5], tonumber(ARGV[6]), tonumber(ARGV[7])
local base = tonumber(redis.call('HGET', gkey(g, 'meta'), 'dbase')) or 0
-- A cursor that fell out of the kept window resumes at its start: those departures are gone.
local from = math.max(cursor, base)
local tickets = redis.call('LRANGE', gkey(g, 'dlog'), from - base, -1)
return { 'ok', from, tickets, groupState(g, limit, nowMs()) }
