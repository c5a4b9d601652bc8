-- Extends this process's lease. No epoch check: the renewer may run apart from the store (a worker thread) and
-- need not follow epochs; a lease written into an emptied Redis holds no slot and is harmless.
redis.call('ZADD', P .. 'procs', fmt(nowMs() + LEASE), PROC)
return { 'ok' }
