-- ARGV[5]: job id. Reply: { 'epoch' } | { 'ok', 1 if it was waiting else 0 }.
if not epochBase() then return { 'epoch' } end
local j = loadJob(ARGV[5])
if not j then return { 'ok', 0 } end
depart(j)
publishChanges()
return { 'ok', 1 }
