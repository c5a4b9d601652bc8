-- ARGV[5]: job id, then triples of group id, limit (-1: none) and this process's cursor in the group's log.
-- Reply: { 'epoch' } | { 'ok' } (not waiting) | { 'ok', group, ticket, waiting ahead, departures from the cursor
-- with a lower ticket, groupState }.
if not epochBase() then return { 'epoch' } end
local j = loadJob(ARGV[5])
if not j then return { 'ok' } end
local limit, cursor
for i = 6, #ARGV, 3 do
  if ARGV[i] == j.g then limit, cursor = tonumber(ARGV[i + 1]), tonumber(ARGV[i + 2]) end
end
local ticket = tonumber(j.t)
local ahead = redis.call('ZCOUNT', gkey(j.g, 'wait'), '-inf', '(' .. j.t)
local base = tonumber(redis.call('HGET', gkey(j.g, 'meta'), 'dbase')) or 0
local below = 0
for _, t in ipairs(redis.call('LRANGE', gkey(j.g, 'dlog'), math.max(cursor, base) - base, -1)) do
  if tonumber(t) < ticket then below = below + 1 end
end
return { 'ok', j.g, ticket, ahead, below, groupState(j.g, limit, nowMs()) }
