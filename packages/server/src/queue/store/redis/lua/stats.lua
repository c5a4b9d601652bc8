-- ARGV[5..]: pairs of group id and limit (-1: none). Reply: { 'epoch' } | { 'ok', { running, groupState } per group }.
if not epochBase() then return { 'epoch' } end
local now, out = nowMs(), {}
for i = 5, #ARGV, 2 do
  local g, limit = ARGV[i], tonumber(ARGV[i + 1])
  local running = 0
  if limit < 0 then
    for _, n in ipairs(redis.call('HVALS', gkey(g, 'unl'))) do running = running + tonumber(n) end
  else
    running = redis.call('HLEN', gkey(g, 'slots'))
  end
  out[#out + 1] = { running, groupState(g, limit, now) }
end
return { 'ok', out }
