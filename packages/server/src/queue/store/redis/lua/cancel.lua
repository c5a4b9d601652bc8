-- ARGV[5]: job id, ARGV[6]: the session asking. A waiting job of that session leaves the queue; a running one
-- is asked to stop on the process that runs it. Reply: { 'epoch' } | { 'left' } | { 'sent' } | { 'unknown' }.
if not epochBase() then return { 'epoch' } end
local id, s = ARGV[5], ARGV[6]
local j = loadJob(id)
if j then
  if j.s ~= s then return { 'unknown' } end
  depart(j)
  publishChanges()
  return { 'left' }
end
local r = redis.call('HMGET', rkey(id), 'p', 's')
if not r[1] or r[2] ~= s then return { 'unknown' } end
redis.call('PUBLISH', procChannel(r[1]), cjson.encode({ t = 'cancel', j = id, s = s }))
return { 'sent' }
