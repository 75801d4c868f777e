-- acl_check.lua: which commands of token_bucket.lua the ACL user may not run, asked by the
-- readiness check: its probe of the script skips TIME, GET and PEXPIREAT, which only a decision
-- on a live bucket calls. Needs Redis 7.0 (redis.acl_check_cmd), as the limiter does.
--
-- KEYS[1]   the readiness key (a key outside the user's key patterns is refused before this runs)
-- ARGV[1]   n, how many commands follow
-- ARGV[2..n+1]  the commands of token_bucket.lua
-- ARGV[n+2..]   one sample bucket key of each policy, checked without being accessed
-- Returns   the refusals: "cmd" when refused on the readiness key, "cmd key" when refused only on
--           a policy's key; empty when the user may run every command on every key
local n = tonumber(ARGV[1])
local refused = {}
for i = 2, n + 1 do
  local cmd = ARGV[i]
  if not redis.acl_check_cmd(cmd, KEYS[1]) then
    refused[#refused + 1] = cmd
  else
    for j = n + 2, #ARGV do
      if not redis.acl_check_cmd(cmd, ARGV[j]) then
        refused[#refused + 1] = cmd .. ' ' .. ARGV[j]
        break
      end
    end
  end
end
return refused
