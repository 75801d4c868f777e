-- return_one.lua: the benchmarks' floor, one EVALSHA that does nothing.
--
-- KEYS[1]   a bucket key, as a decision passes it (unused)
-- ARGV[..]  a decision's arguments (unused)
--
-- Returns 1.
return 1
