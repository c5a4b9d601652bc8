-- ARGV[5]: session. Its waiting jobs leave the runnable sets but stay counted. Reply: { 'epoch' } | { 'ok' }.
if not epochBase() then return { 'epoch' } end
for _, id in ipairs(redis.call('SMEMBERS', skey(ARGV[5]))) do
  local j = loadJob(id)
  if j and not j.parked then
    redis.call('HSET', jkey(id), 'p', '1')
    makeUnrunnable(j)
  end
end
return { 'ok' }
