-- ARGV[5]: session, then pairs of group id and limit (-1: none) for every group. Makes the session's parked jobs
-- runnable again and dispatches their groups. Reply: { 'epoch' } | { 'ok', claims }.
if not epochBase() then return { 'epoch' } end
local limits = {}
for i = 6, #ARGV, 2 do limits[ARGV[i]] = tonumber(ARGV[i + 1]) end
local touched, order = {}, {}
for _, id in ipairs(redis.call('SMEMBERS', skey(ARGV[5]))) do
  local j = loadJob(id)
  if j and j.parked then
    redis.call('HSET', jkey(id), 'p', '0')
    -- A reserved job is not runnable: it starts in the slot that reserved it, or goes back when that unreserves it.
    if not j.rv then makeRunnable(j) end
    if not touched[j.g] then touched[j.g] = true; order[#order + 1] = j.g end
  end
end
local claims, now = {}, nowMs()
table.sort(order)
for _, g in ipairs(order) do dispatch(g, limits[g], now, claims) end
publishChanges()
return { 'ok', claims }
