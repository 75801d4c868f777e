-- token_bucket.lua: one atomic rate-limit decision for one (policy, client) bucket.
--
-- A policy has one or more limits; limit i holds at most capacity_i tokens and refills
-- capacity_i tokens per window_i, continuously. A call takes `cost` tokens from every limit,
-- or from none when any of them has too few.
--
-- KEYS[1]   the bucket key; its one string value holds the state of every limit of the policy
-- ARGV[1]   cost: tokens to take from every limit (integer >= 1, <= every capacity)
-- ARGV[2]   now in ms, or "" to read the Redis clock (only script tests pass a fixed timeline)
-- ARGV[3..] capacity_i (tokens) and window_i (ms), one pair per limit
--
-- Value: "<last_ms> <tokens_1> <frac_1> <tokens_2> <frac_2> ...". tokens_i are whole tokens;
-- frac_i is the partial token in units of 1/window_i ms (0 <= frac_i < window_i), so refill is
-- exact integer arithmetic: nothing is lost between calls, however often they come.
-- Callers keep capacity * window <= 2^52, so every number below is an exact double.
--
-- Returns {allowed, remaining, retry_after_ms, reset_ms, limit, limit_index}:
--   allowed         1 when the cost was taken, 0 when nothing was taken
--   remaining       whole tokens left in the tightest limit
--   retry_after_ms  0 when allowed; else ms until this cost could pass
--   reset_ms        ms until the tightest limit is full again
--   limit           capacity of the tightest limit
--   limit_index     1-based index of the tightest limit: when allowed the one with the fewest
--                   tokens left, when rejected the one that blocks longest

local key = KEYS[1]
local cost = tonumber(ARGV[1])
local now_ms = tonumber(ARGV[2])
if not now_ms then
  local time = redis.call('TIME')
  now_ms = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end
local limit_count = (#ARGV - 2) / 2

-- Stored state; a missing key, or one written for another number of limits, is a full bucket.
local state = {}
local stored = redis.call('GET', key)
if stored then
  for number in string.gmatch(stored, '%d+') do
    state[#state + 1] = tonumber(number)
  end
end
local full = #state ~= 1 + 2 * limit_count
-- Clamped: after a failover the new master's clock may be behind the one that wrote `last`.
local elapsed = full and 0 or math.max(0, now_ms - state[1])

-- Refill every limit up to now (pure arithmetic, no writes yet).
local capacity, window, tokens, frac = {}, {}, {}, {}
local allowed = 1
for i = 1, limit_count do
  local cap, win = tonumber(ARGV[1 + 2 * i]), tonumber(ARGV[2 + 2 * i])
  local t, f = cap, 0
  if not full and elapsed < win then
    -- min(): a lowered capacity or window clips what an older configuration stored.
    t = math.min(state[2 * i], cap)
    f = math.min(state[2 * i + 1], win - 1) + elapsed * cap
    t = t + math.floor(f / win)
    f = f % win
    if t >= cap then t, f = cap, 0 end
  end
  capacity[i], window[i], tokens[i], frac[i] = cap, win, t, f
  if t < cost then allowed = 0 end
end

-- Take the cost from all limits or none, and find the tightest limit.
local tightest, retry_after_ms, ttl_ms = 1, 0, 0
for i = 1, limit_count do
  local cap, win = capacity[i], window[i]
  if allowed == 1 then
    tokens[i] = tokens[i] - cost
    if tokens[i] < tokens[tightest] then tightest = i end
  elseif tokens[i] < cost then
    -- Time for the missing (cost - tokens) tokens, less the partial one already refilled.
    local wait_ms = math.ceil(((cost - tokens[i]) * win - frac[i]) / cap)
    if wait_ms > retry_after_ms then retry_after_ms, tightest = wait_ms, i end
  end
  ttl_ms = math.max(ttl_ms, math.ceil(((cap - tokens[i]) * win - frac[i]) / cap))
end
local t = tightest
local reset_ms = math.ceil(((capacity[t] - tokens[t]) * window[t] - frac[t]) / capacity[t])

-- Only an admitted call writes; a rejection changes nothing that exact refill cannot recompute.
-- The key lives exactly until every limit is full again, when it would read as a fresh bucket.
if allowed == 1 then
  local parts = { string.format('%d', now_ms) }
  for i = 1, limit_count do
    parts[#parts + 1] = string.format('%d %d', tokens[i], frac[i])
  end
  redis.call('SET', key, table.concat(parts, ' '), 'PX', ttl_ms)
end

return { allowed, tokens[t], retry_after_ms, reset_ms, capacity[t], t }
