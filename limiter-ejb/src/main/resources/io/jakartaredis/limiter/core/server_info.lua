-- server_info.lua: INFO server, read only to explain why the token-bucket script failed (which
-- Redis version lacks a command), through the same EVALSHA path as every decision.
--
-- KEYS      none
-- ARGV      none
-- Returns   the bulk reply of INFO server ("redis_version:7.0.15" among its lines)
return redis.call('INFO', 'server')
