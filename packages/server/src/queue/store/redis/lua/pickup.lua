-- ARGV[5]: a claim from the ready list (JSON). A worker takes it: the slot is now held by this process, unless
-- it was reaped meanwhile. Reply: { 'epoch' } | { 'ok', claim } | { 'gone' }.
if not epochBase() then return { 'epoch' } end
local c = cjson.decode(ARGV[5])
local g, index, ids = c[1], tonumber(c[2]), c[3]
local now = nowMs()
if index >= 0 then
  local holder = redis.call('HGET', gkey(g, 'slots'), index)
  -- Reaped meanwhile (no worker took it in time), and perhaps claimed again for other jobs: not this claim's slot.
  if not holder then return { 'gone' } end
  local held = cjson.decode(holder)
  if held.p ~= '' or held.j[1] ~= ids[1] then return { 'gone' } end
  redis.call('HSET', gkey(g, 'slots'), index, cjson.encode({ j = ids, p = PROC, t = now }))
else
  redis.call('HINCRBY', gkey(g, 'unl'), PROC, 1)
end
for _, id in ipairs(ids) do
  if redis.call('EXISTS', rkey(id)) == 1 then redis.call('HSET', rkey(id), 'p', PROC) end
end
touchLease(now)
return { 'ok', c }
