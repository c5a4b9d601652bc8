-- ARGV[5]: session. Its connection on this process closed: unless it is connected elsewhere by now, its
-- messages are held from now on and its waiting jobs keep their place but are passed over (parked).
-- Reply: { 'epoch' } | { 'ok', 1 if it was here (and is now away) else 0 }.
if not epochBase() then return { 'epoch' } end
local s = ARGV[5]
if redis.call('HGET', P .. 'presence', s) ~= PROC then return { 'ok', 0 } end
redis.call('HDEL', P .. 'presence', s)
redis.call('SREM', P .. 'pp:' .. PROC, s)
parkSession(s)
return { 'ok', 1 }
