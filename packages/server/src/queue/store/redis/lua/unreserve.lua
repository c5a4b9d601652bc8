-- ARGV[5..]: a job this process reserved, its group's limit (-1: none). The slot it was to follow is taking longer
-- than expected: the job goes back to its place, and a slot that freed meanwhile takes it now.
-- Reply: { 'epoch' } | { 'ok', claims }.
if not epochBase() then return { 'epoch' } end
local j = loadJob(ARGV[5])
if not j or j.rv ~= PROC then return { 'ok', {} } end
unreserve(j)
local claims = {}
dispatch(j.g, tonumber(ARGV[6]), nowMs(), claims)
publishChanges()
return { 'ok', claims }
