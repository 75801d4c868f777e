-- token_bucket.lua: one atomic rate-limit decision for one (policy, client) bucket.
--
-- A policy has one or more limits; limit i holds at most capacity_i tokens and refills
-- capacity_i tokens per window_i, continuously. A call takes `cost` tokens from every limit,
-- or from none when any of them has too few.
--
-- KEYS[1]   the bucket key
-- ARGV[1]   cost: tokens to take from every limit (integer >= 1, <= every capacity)
-- ARGV[2]   now in ms, or "" to read the Redis clock (only script tests pass a fixed timeline)
-- ARGV[3..] capacity_i (tokens) and window_i (ms), one pair per limit
--
-- State: when each limit is full again (the "theoretical arrival time" of GCRA, which decides
-- exactly as a continuously refilled token bucket). Time is counted in units of 1/capacity_i ms,
-- so one token, window_i / capacity_i ms, is exactly window_i units and refill is integer
-- arithmetic. A limit's debt is how many units from now it is full again: 0 when full,
-- window_i * capacity_i when empty. Callers keep capacity * window <= 2^52: every number is exact.
--
-- The key expires when the last limit is full again (PXAT, rounded up to a whole ms), so the
-- expiry time carries the state and a missing key is a full bucket. The value holds the rest:
-- per limit the units by which it is full before its whole ms (g_i < capacity_i) and, with
-- several limits, the ms by which it is full before the expiry (d_i): "g" for one limit,
-- "g_1 d_1 g_2 d_2 ..." for several. A limit whose token lasts a whole number of ms always has
-- g = 0: its value never changes, and an admitted call only moves the expiry.
-- A changed limit keeps the time until its bucket is full, at most its new window.
--
-- Returns {allowed, remaining, retry_after_ms, reset_ms, limit, limit_index}:
--   allowed         1 when the cost was taken, 0 when nothing was taken
--   remaining       whole tokens left in the tightest limit
--   retry_after_ms  0 when allowed; else ms until this cost could pass
--   reset_ms        ms until the tightest limit is full again
--   limit           capacity of the tightest limit
--   limit_index     1-based index of the tightest limit: when allowed the one with the fewest
--                   tokens left, when rejected the one that blocks longest

local tonumber, ceil, max = tonumber, math.ceil, math.max
local key = KEYS[1]
local cost = tonumber(ARGV[1])
local now = tonumber(ARGV[2])
if not now then
  local time = redis.call('TIME')
  now = time[1] * 1000 + math.floor(time[2] / 1000)
end
local count = (#ARGV - 2) / 2

-- PEXPIRETIME is -2 for a missing key and -1 for one without expiry: both read as full.
local expiry = redis.call('PEXPIRETIME', key)
local stored = expiry > now and redis.call('GET', key)

-- One limit, the common case: the arithmetic of the general case below without its tables,
-- which cost Redis more time than the rest of the script.
if count == 1 then
  local cap, win = tonumber(ARGV[3]), tonumber(ARGV[4])
  local early = stored and tonumber(stored) -- nil for a value of another shape: a full bucket
  local debt, clipped = 0, false
  if early then
    local full_in_ms = expiry - now
    if full_in_ms > win then
      -- State from a longer window or from a clock ahead of this one: never emptier than empty.
      debt, clipped = win * cap, true
    else
      debt = max(0, full_in_ms * cap - early)
    end
  end
  local allowed = debt + cost * win <= win * cap
  local retry_after_ms = 0
  if allowed then
    debt = debt + cost * win
  else
    retry_after_ms = ceil((debt + cost * win - win * cap) / cap)
  end
  local full_in_ms = ceil(debt / cap)
  -- Only an admitted call writes: a rejection changes nothing that the clock cannot recompute,
  -- except a clipped state, which is stored once so that it refills from now. An unchanged
  -- value (always, for a whole-ms token) needs only its expiry moved.
  if allowed or clipped then
    local value = string.format('%d', full_in_ms * cap - debt)
    if value == stored then
      redis.call('PEXPIREAT', key, now + full_in_ms)
    else
      redis.call('SET', key, value, 'PXAT', now + full_in_ms)
    end
  end
  return { allowed and 1 or 0, cap - ceil(debt / win), retry_after_ms, full_in_ms, cap, 1 }
end

local fields = {}
if stored then
  for number in string.gmatch(stored, '%d+') do
    fields[#fields + 1] = tonumber(number)
  end
  -- A value written for another number of limits starts a full bucket.
  if #fields ~= 2 * count then stored = false end
end

-- Debt of every limit now, and whether all of them can take the cost.
local capacity, window, debt = {}, {}, {}
local allowed, clipped = true, false
for i = 1, count do
  local cap, win = tonumber(ARGV[1 + 2 * i]), tonumber(ARGV[2 + 2 * i])
  local units = 0
  if stored then
    local full_in_ms = expiry - fields[2 * i] - now
    if full_in_ms > win then
      units, clipped = win * cap, true
    else
      units = max(0, full_in_ms * cap - fields[2 * i - 1])
    end
  end
  capacity[i], window[i], debt[i] = cap, win, units
  if units + cost * win > win * cap then allowed = false end
end

-- Take the cost from all limits or none, and find the tightest limit.
local tightest, fewest, retry_after_ms, new_expiry = 1, nil, 0, now
for i = 1, count do
  local cap, win = capacity[i], window[i]
  if allowed then
    debt[i] = debt[i] + cost * win
    local left = cap - ceil(debt[i] / win)
    if not fewest or left < fewest then tightest, fewest = i, left end
  else
    local wait_ms = ceil((debt[i] + cost * win - win * cap) / cap)
    if wait_ms > retry_after_ms then tightest, retry_after_ms = i, wait_ms end
  end
  new_expiry = max(new_expiry, now + ceil(debt[i] / cap))
end

-- Writes as the one-limit case does.
if allowed or clipped then
  local parts = {}
  for i = 1, count do
    local full_at_ms = now + ceil(debt[i] / capacity[i])
    parts[i] = string.format('%d %d', (full_at_ms - now) * capacity[i] - debt[i], new_expiry - full_at_ms)
  end
  local value = table.concat(parts, ' ')
  if value == stored then
    redis.call('PEXPIREAT', key, new_expiry)
  else
    redis.call('SET', key, value, 'PXAT', new_expiry)
  end
end

local t = tightest
local remaining = capacity[t] - ceil(debt[t] / window[t])
return { allowed and 1 or 0, remaining, retry_after_ms, ceil(debt[t] / capacity[t]), capacity[t], t }
