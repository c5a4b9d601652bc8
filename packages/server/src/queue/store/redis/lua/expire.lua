-- ARGV[5]: session. Its grace period is over: unless it is connected somewhere, its parked jobs leave the queue
-- and never run. Reply: { 'epoch' } | { 'ok', the job ids that left }.
if not epochBase() then return { 'epoch' } end
local s = ARGV[5]
if redis.call('HEXISTS', P .. 'presence', s) == 1 then return { 'ok', {} } end
local gone = {}
for _, id in ipairs(redis.call('SMEMBERS', skey(s))) do
  local j = loadJob(id)
  if j and j.parked then
    depart(j)
    gone[#gone + 1] = id
  end
end
publishChanges()
return { 'ok', gone }
