-- ARGV[5]: session. Its waiting jobs leave the runnable sets but stay counted. Reply: { 'epoch' } | { 'ok' }.
if not epochBase() then return { 'epoch' } end
parkSession(ARGV[5])
return { 'ok' }
