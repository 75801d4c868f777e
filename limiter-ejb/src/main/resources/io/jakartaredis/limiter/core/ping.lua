-- ping.lua: the readiness check's round trip, through the same EVALSHA path as every decision.
--
-- KEYS      none
-- ARGV      none
-- Returns   the status reply PONG
return redis.call('PING')
