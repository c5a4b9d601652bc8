-- ARGV[5..]: triples of listener, group ('' for none) and run time in ms. Moves the EWMAs.
-- Reply: { 'epoch' } | { 'ok', each listener's average in µs }.
if not epochBase() then return { 'epoch' } end
return { 'ok', recordRuns(5, (#ARGV - 4) / 3) }
