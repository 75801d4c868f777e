-- token_bucket.lua: one atomic operation on one (policy, client) bucket: take, reserve, peek
-- or refund, and on its concurrency slots: acquire (with a take) and release.
--
-- A policy has one or more limits of two kinds. A bucket limit holds at most capacity_i tokens
-- and refills capacity_i tokens per window_i, continuously. A calendar limit admits capacity_i
-- tokens per calendar period (a day, ISO week, month or year in a time zone) and starts at 0
-- used at each boundary. A call takes `cost` tokens from every limit, or from none when any of
-- them has too few.
--
-- KEYS[1]   the bucket key
-- KEYS[2]   the lease key (a sorted set of lease ids scored by expiry, ms on the Redis clock), in
--           the bucket key's Cluster slot; only with a concurrency limit
-- ARGV[1]   cost: tokens to take or give back (integer >= 1, <= every capacity)
-- ARGV[2]   now in ms, or "" to read the Redis clock (only script tests pass a fixed timeline)
-- ARGV[3]   the operation:
--             w (an integer)  take: takes the cost when it is covered within w ms. w = 0 is a plain
--                             take (the tokens are there now); w > 0 reserves: every bucket limit
--                             may owe up to w ms beyond empty, so the caller waits for its slot,
--                             and the reply's retry_after_ms is that wait. A calendar limit never
--                             owes: a reservation passes it only when the cost fits in the current
--                             period and its slot falls before the period's end (else it is
--                             rejected, to retry at the boundary). Callers keep 0 <= w <= MAX_WAIT_MS.
--             "peek"          what a take (w = 0) would answer, with remaining and reset as the
--                             bucket is (nothing taken); no write command in any branch, so that
--                             it runs as EVALSHA_RO, also on a read-only replica.
--             "refund"        gives the cost back to every stored entry, none above its capacity
--                             (a calendar entry: used, never below 0); writes as a take does,
--                             expires the key now (which deletes it) when every entry is full
--                             again, and writes nothing for a missing key (a full bucket) or a
--                             value without entries. It never adds an entry.
--             "release"       gives back the slot of lease id L (ARGV[4]); touches no bucket
-- ARGV[4]   the policy's concurrency limit, "" for none, else "S M L": at most S (integer >= 1)
--           leases live at once, each M ms (integer >= 1) after its slot, L the lease id that an
--           admitted take or reservation holds ("-" for a peek). See "Concurrency" below.
-- ARGV[5..] one pair per limit, as canonical integers:
--             bucket limit    capacity_i (tokens), window_i (ms)
--             calendar limit  capacity_i (tokens), "<unit>@<zone> p0 p1 p2 p3": the starts (ms)
--                             of the period before the caller's, the caller's, the next two, by
--                             the caller's clock; now (Redis's) must lie in [p0, p3), else the
--                             script fails (an error reply) rather than count in a wrong period
-- ARGV[last] only when the count after ARGV[4] is odd: the identities of the sibling limits,
--           separated by spaces ("C/W" of a bucket limit, "<unit>@<zone>" of a calendar limit):
--           the limits of the policy's other tiers (and its own, for a tier) that this caller
--           does not configure. See "Tiers" below.
-- Callers keep capacity_i <= 10^9 and window_i <= 366 days: every number below is then exact.
--
-- State of a bucket limit: when it is full again (the "theoretical arrival time" of GCRA, which
-- decides exactly as a continuously refilled token bucket). Its debt is the time until it is
-- full: 0 when full, window_i when empty, up to window_i + MAX_WAIT_MS with reservations. A debt
-- is a pair, whole ms and units of 1/capacity_i ms below one ms, so one token, window_i /
-- capacity_i ms, is exactly window_i units; products that a double cannot hold (10^9 tokens a
-- month is 2.7e18 units) go through muldiv, which splits a factor into 16-bit halves. A limit
-- small enough that capacity * (2 window + MAX_WAIT_MS) <= 2^53 takes the one-limit shortcut
-- below in single numbers of units, the same arithmetic.
--
-- A stored bucket limit full more than one window from now is read as empty, never emptier,
-- when that cannot come from reservations on this clock: more than window + MAX_WAIT_MS ahead,
-- or written while this clock was in a later window (s below, a master whose clock was ahead: a
-- failover). A reservation is kept; a clock ahead costs at most one window.
--
-- The key expires when the last bucket limit is full again and no calendar limit has anything
-- used in its period (PXAT, rounded up to a whole ms), so the expiry time carries the state and
-- a missing key is a full bucket. The value holds one entry per limit, entries separated by a
-- space. A bucket entry is "C/W g d s":
--   C/W  the limit's identity, capacity and window in ms: an entry is only ever read with the
--        capacity and window it was written with
--   g    units (1/C ms) by which the limit is full before its whole ms (g < C)
--   d    ms by which the limit is full before the key's expiry (0 for the last one to fill)
--   s    floor(now / W) when a caller last configured this limit
-- A calendar entry is "<unit>@<zone> C u e": its identity (without the capacity, so that a
-- changed capacity keeps the count), the capacity it was last configured with, the tokens used
-- in its period and the period's end (ms). Once e is past, the entry counts as 0 used and is
-- dropped; an entry with 0 used is not stored.
-- A limit whose token lasts a whole number of ms has g = 0: within one of its windows its value
-- never changes, and an admitted call only moves the expiry.
--
-- When the configured limits differ from the stored entries (a rolling deployment, a changed
-- configuration, two applications sharing a policy name), no caller ever gets more than the
-- stricter of the two configurations would give, with one exception, a calendar limit's
-- capacity: each caller checks the shared count against its own configured capacity (so that a
-- plan upgrade applies at once), so while callers configure different capacities of one calendar
-- identity, a period admits up to the largest of them, and a caller configuring C admits only
-- while the count stays within C:
--   * a stored entry the caller does not configure is still checked and charged (and refunded);
--     a bucket entry is dropped once no caller has configured it for one to two of its own
--     windows (s: any call counts, a rejection writes it at most once per window), a calendar
--     entry at the end of its period; a cost above its capacity waits until then;
--   * a configured bucket limit without an entry (a limit added or changed) starts owing the
--     largest fraction of its capacity that a stored bucket entry owes, and at least as many
--     tokens as one owes (at most its capacity); a take stores it at once, even by a rejection;
--     a refund does not;
--   * a configured calendar limit with a stored entry of its identity uses the configured
--     capacity with the stored count: raised, what is left of it; lowered, never below 0 left
--     (the exception above);
--     one without (its zone changed) starts at the largest fraction of their capacity that
--     stored calendar entries of its unit have used, and at least as many tokens as one has
--     used (at most its capacity). Bucket entries derive only from bucket entries, calendar
--     entries only from calendar entries;
--   * a value without entries (the format before identities, or any other shape) owes until the
--     key expires, capped at each bucket limit's window; one without expiry owes a full window;
--   * a key of another type rejects every call (retry after the longest window), never written.
--
-- Tiers: a client's tier picks the limits that a caller passes, on one bucket key. A stored entry
-- of a sibling limit is the client's own under another tier, not a foreign configuration: it is
-- kept while it owes (else under the first rule's dropping) and charged by every admitted call, but it never
-- decides, never rejects and is never charged beyond empty (a calendar entry: beyond its
-- capacity); a refund does not give back to it, since its charge may have been cut. It counts,
-- like every kept entry, when a configured limit without an entry derives what it owes. So a
-- downgrade owes at least what was used, an upgrade takes effect at once owing the largest
-- fraction used, and a client whose tier changes back finds its entry charged with every call
-- made meanwhile.
--
-- Returns {allowed, remaining, retry_after_ms, reset_ms, limit, limit_index}:
--   allowed         take: 1 when the cost was taken, 0 when nothing was taken; peek: 1 when a
--                   take would take it; refund: 1 when stored entries got the cost back
--   remaining       whole tokens left in the limit with the fewest, configured or stored, never
--                   below 0 (a bucket owing reservations has none; a calendar limit: capacity
--                   minus used)
--   retry_after_ms  ms until the cost is covered: 0 when it is there now; for a reservation
--                   taken, the wait until its slot; when rejected, until this cost could pass
--                   (a take, or a reservation waiting up to that long; a calendar limit: its
--                   period's end); 0 for a refund
--   reset_ms        ms until the tightest limit is full again (a calendar limit with tokens
--                   used: until its period ends)
--   limit           capacity of the tightest limit
--   limit_index     1-based index of the tightest configured limit: when allowed (and for a
--                   refund) the one with the fewest tokens left, when rejected the one that
--                   blocks longest
-- remaining and reset_ms describe the bucket after the operation: after a take, as it is for a
-- peek, after the refund for a refund.
-- A seventh element, free_slots, is the concurrency limit's free slots after the operation (a
-- peek: as they are), -1 for a policy without one.
--
-- Concurrency: a take or reservation first drops the expired leases; when S are live it is
-- rejected at once, the bucket untouched (limit S, limit_index = the index after the last bucket
-- limit, remaining 0, retry_after_ms until the earliest lease expires but at most 1 s and at least
-- 1 ms: a release may free a slot at any moment; reset_ms until the lease key expires). Else the
-- bucket decides as without it, and only when it admits is the lease added, expiring M ms after
-- the caller's slot (now for a take, now + retry_after_ms for a reservation); the lease key expires
-- with its latest lease. All or nothing: a bucket rejection adds no lease, a full set takes no
-- token. A peek counts the live leases and writes nothing. A release drops the expired leases,
-- then the lease (an empty sorted set is deleted by Redis), and answers allowed 1 when the lease
-- was still live; no bucket key is read. A refund does not release. A lease key of another type
-- rejects every take, peek and release (retry after M ms), nothing written.

local tonumber, ceil, floor, max, min, format = tonumber, math.ceil, math.floor, math.max, math.min, string.format
-- The longest wait a reservation may ask for, ms (RateLimiter#acquire's bound: 1 hour).
local MAX_WAIT_MS = 3600000
-- Every integer up to this is exact in a Lua number (a double).
local EXACT = 2 ^ 53
local key = KEYS[1]
local cost = tonumber(ARGV[1])
local now = tonumber(ARGV[2])
if not now then
  local time = redis.call('TIME')
  now = time[1] * 1000 + floor(time[2] / 1000)
end
local max_wait = tonumber(ARGV[3])
local peek, refund = false, false
if not max_wait then
  peek, refund, max_wait = ARGV[3] == 'peek', ARGV[3] == 'refund', 0
end
local count = floor((#ARGV - 4) / 2)

-- floor(a * b / m) and a * b mod m, exact where the product a * b is not (10^9 tokens times a
-- month): unless the product is exact, a (a capacity or a cost, below 2^30) is split into 16-bit
-- halves, so that with b and m (times in ms, below 2^36) every intermediate stays below 2^53.
local function muldiv(a, b, m)
  local product = a * b
  if product < EXACT then
    local q = floor(product / m)
    return q, product - q * m
  end
  local high, low = floor(a / 65536), a % 65536
  local x = high * b
  local q1 = floor(x / m)
  local y = (x - q1 * m) * 65536 + low * b
  local q2 = floor(y / m)
  return q1 * 65536 + q2, y - q2 * m
end

-- A calendar limit's spec "<unit>@<zone> p0 p1 p2 p3": its identity and the start and end (ms)
-- of the period that contains now; nil for a bucket limit's window.
local function period(spec)
  local id, p0, p1, p2, p3 = string.match(spec, '^(%S+) (%d+) (%d+) (%d+) (%d+)$')
  if not id then return nil end
  p0, p1, p2, p3 = tonumber(p0), tonumber(p1), tonumber(p2), tonumber(p3)
  if now >= p0 and now < p1 then return id, p0, p1 end
  if now >= p1 and now < p2 then return id, p1, p2 end
  if now >= p2 and now < p3 then return id, p2, p3 end
  return error('calendar limit ' .. id .. ': now (' .. now .. ' ms) is outside the periods given ['
      .. p0 .. ', ' .. p3 .. '): the node clock and the Redis clock differ by more than a period')
end

-- The concurrency limit (see "Concurrency" above): the take's reply goes through finish(), which
-- adds the lease when the bucket admitted it and appends the free slots.
local slots, lease_ms, lease_id = string.match(ARGV[4], '^(%d+) (%d+) (%S+)$')
local finish = function(reply) reply[7] = -1 return reply end
if slots then
  slots, lease_ms = tonumber(slots), tonumber(lease_ms)
  local leases = KEYS[2]
  -- The first command on the lease key, protected: a key of another type there is rejected (the
  -- release: not taken) after the lease timeout, nothing written, as for the bucket key below.
  local live
  if peek then
    live = redis.pcall('ZCOUNT', leases, '(' .. now, '+inf')
  else
    live = redis.pcall('ZREMRANGEBYSCORE', leases, '-inf', now)
  end
  if type(live) == 'table' then
    if not string.find(live.err or '', 'WRONGTYPE', 1, true) then
      -- Any other error (an ACL denial) fails as it would have: the same command, unprotected.
      if peek then
        redis.call('ZCOUNT', leases, '(' .. now, '+inf')
      end
      redis.call('ZREMRANGEBYSCORE', leases, '-inf', now)
    end
    return { 0, 0, lease_ms, lease_ms, slots, count + 1, 0 }
  end
  if not peek then
    if ARGV[3] == 'release' then
      local released = redis.call('ZREM', leases, lease_id)
      local free = slots - redis.call('ZCARD', leases)
      return { released, max(0, free), 0, 0, slots, count + 1, max(0, free) }
    end
    live = redis.call('ZCARD', leases)
  end
  if live >= slots then
    local earliest = redis.call('ZRANGE', leases, '(' .. now, '+inf', 'BYSCORE', 'LIMIT', 0, 1, 'WITHSCORES')
    local retry_ms = earliest[2] and max(1, min(1000, tonumber(earliest[2]) - now)) or 1
    local reset_ms = max(retry_ms, redis.call('PEXPIRETIME', leases) - now)
    return { 0, 0, retry_ms, reset_ms, slots, count + 1, 0 }
  end
  finish = function(reply)
    local free = slots - live
    if reply[1] == 1 and not peek and not refund then
      local expires = now + reply[3] + lease_ms
      redis.call('ZADD', leases, expires, lease_id)
      if live == 0 then
        redis.call('PEXPIREAT', leases, expires)
      else
        redis.call('PEXPIREAT', leases, expires, 'GT')
      end
      free = free - 1
    end
    reply[7] = free
    return reply
  end
  if count == 0 then
    -- A concurrency limit alone: no bucket to ask; remaining is the free slots.
    local reply = finish({ 1, 0, 0, 0, slots, 1 })
    reply[2] = reply[7]
    return reply
  end
end

-- No bucket limit and no lease (a refund, peek or take under a concurrency limit alone, which
-- a take passes with its lease): nothing to read or write, and no error either.
if count == 0 then
  return { 0, 0, 0, 0, 0, 1, -1 }
end

-- PEXPIRETIME is -2 for a missing key (a full bucket) and -1 for one without expiry, which this
-- script never writes: it owes a full window.
local expiry = redis.call('PEXPIRETIME', key)
local stored = (expiry > now or expiry == -1) and redis.pcall('GET', key)

-- A key of another type (a hash of another application under the same name) is not this
-- limiter's to overwrite, and not a Redis failure either: rejected, to retry after the longest
-- configured window (a calendar limit's: its period), and nothing written. Any other error (an
-- ACL denial) fails as it would have: the same GET again, unprotected, raises it with this
-- line's number.
if type(stored) == 'table' then
  if not string.find(stored.err or '', 'WRONGTYPE', 1, true) then
    redis.call('GET', key)
  end
  local longest, win = 1, 0
  for i = 1, count do
    local w = tonumber(ARGV[4 + 2 * i])
    if not w then
      local _, from, to = period(ARGV[4 + 2 * i])
      w = to - from
    end
    if w > win then longest, win = i, w end
  end
  return finish({ 0, 0, refund and 0 or win, win, tonumber(ARGV[3 + 2 * longest]), longest })
end

-- One bucket limit stored as one matching entry, the common case: the arithmetic of the general
-- case below in single numbers of units, without its tables, which cost Redis more time than the
-- rest of the script; for a limit whose units stay exact in a double.
local win1 = count == 1 and tonumber(ARGV[6])
if win1 and tonumber(ARGV[5]) * (2 * win1 + MAX_WAIT_MS) <= EXACT then
  local id = ARGV[5] .. '/' .. ARGV[6]
  local early, last_seen = 0, nil
  if stored then
    early, last_seen = false, nil
    if expiry > 0 then early, last_seen = string.match(stored, '^' .. id .. ' (%d+) 0 (%d+)$') end
  end
  if early then
    local cap, win = tonumber(ARGV[5]), tonumber(ARGV[6])
    local debt, clipped = 0, false
    if stored then
      local full_in_ms = expiry - now
      -- g is below the capacity as written; a larger one reads as owing more, never less (as below).
      debt = max(0, full_in_ms * cap - min(tonumber(early), cap - 1))
      if full_in_ms > win and (full_in_ms > win + MAX_WAIT_MS or tonumber(last_seen) > floor(now / win)) then
        -- State from a clock ahead of this one: never emptier than empty.
        debt, clipped = win * cap, true
      end
    end
    local allowed, wait_ms = stored and true or false, 0
    if refund then
      debt = max(0, debt - cost * win)
    else
      local over = debt + cost * win - win * cap -- units owed beyond empty once the cost is taken
      allowed = over <= max_wait * cap
      if over > 0 then wait_ms = ceil(over / cap) end
      if allowed and not peek then debt = debt + cost * win end
    end
    local full_in_ms = ceil(debt / cap)
    -- A rejection changes nothing that the clock cannot recompute, so it writes only a clipped
    -- state (stored once, so that it refills from now) or a stale s (once per window: a limit
    -- that rejects every call is still configured). An unchanged value needs only its expiry moved.
    -- A refund that fills the bucket expires it: a missing key is a full bucket.
    local stale = stored and tonumber(last_seen) ~= floor(now / win)
    if peek then
      -- reads only
    elseif refund and debt == 0 then
      -- Expired now, which deletes it: no command beyond those a take needs (ACL rules).
      if stored then redis.call('PEXPIREAT', key, now) end
    elseif allowed or clipped or stale then
      local value = format('%s %d 0 %d', id, full_in_ms * cap - debt, floor(now / win))
      if value == stored then
        redis.call('PEXPIREAT', key, now + full_in_ms)
      else
        redis.call('SET', key, value, 'PXAT', now + full_in_ms)
      end
    end
    return finish({ allowed and 1 or 0, max(0, cap - ceil(debt / win)), wait_ms, full_in_ms, cap, 1 })
  end
end

-- A bucket limit's debt is a pair: whole ms, and units of 1/capacity ms below one ms.
-- The time that `tokens` tokens take to refill, tokens * window / capacity ms.
local function refill_time(tokens, cap, win)
  return muldiv(tokens, win, cap)
end
local function plus(q1, r1, q2, r2, cap)
  local r = r1 + r2
  if r >= cap then return q1 + q2 + 1, r - cap end
  return q1 + q2, r
end
-- a - b, or no debt when b is the larger.
local function minus(q1, r1, q2, r2, cap)
  local q, r = q1 - q2, r1 - r2
  if r < 0 then q, r = q - 1, r + cap end
  if q < 0 then return 0, 0 end
  return q, r
end
-- Whole ms until a debt is paid.
local function ceil_ms(q, r)
  return r > 0 and q + 1 or q
end
-- Whole tokens that a debt owes, rounded up: ceil((q * capacity + r) / window).
local function tokens_owed(q, r, cap, win)
  local tokens, rest = muldiv(cap, q, win)
  return tokens + ceil((rest + r) / win)
end
-- The debt of owing `tokens` (a float, its fraction rounded up to a whole unit), at most empty.
local function debt_of(tokens, cap, win)
  if tokens >= cap then return win, 0 end
  local whole = floor(tokens)
  local q, r = muldiv(whole, win, cap)
  r = r + ceil((tokens - whole) * win)
  local carry = floor(r / cap)
  q, r = q + carry, r - carry * cap
  if q >= win then return win, 0 end
  return q, r
end

-- Entries: identity and capacity; a bucket entry: window, debt (dq ms + dr units), when last
-- configured; a calendar entry: tokens used in its period (0 once it ended), the period's end.
-- e indexes all of them.
local ids, capacity, window, dq, dr, seen, used, ends, entry_of = {}, {}, {}, {}, {}, {}, {}, {}, {}
-- The sibling limits' identities (see "Tiers"), as a set; a refund gives nothing back to them.
local sibling_id = {}
if #ARGV - 4 > 2 * count then
  for id in string.gmatch(ARGV[#ARGV], '%S+') do sibling_id[id] = true end
end
local n, clipped, added = 0, false, false
local owed_until_expiry = false
if stored and expiry > 0 then
  for c, w, g, d, s in string.gmatch(stored, '(%d+)/(%d+) (%d+) (%d+) (%d+)') do
    local cap, win = tonumber(c), tonumber(w)
    n = n + 1
    ids[n], capacity[n], window[n], seen[n] = c .. '/' .. w, cap, win, tonumber(s)
    local full_in_ms = expiry - tonumber(d) - now
    -- g is below the capacity as written; a larger one reads as owing more, never less.
    local early = min(tonumber(g), cap - 1)
    if full_in_ms <= 0 then
      dq[n], dr[n] = 0, 0
    elseif early > 0 then
      dq[n], dr[n] = full_in_ms - 1, cap - early
    else
      dq[n], dr[n] = full_in_ms, 0
    end
    if full_in_ms > win and (full_in_ms > win + MAX_WAIT_MS or seen[n] > floor(now / win)) then
      dq[n], dr[n], clipped = win, 0, true
    end
    if refund and not sibling_id[ids[n]] then
      local cost_ms, cost_units = refill_time(cost, cap, win)
      dq[n], dr[n] = minus(dq[n], dr[n], cost_ms, cost_units, cap)
    end
    entry_of[ids[n]] = n
  end
  for id, c, u, e in string.gmatch(string.find(stored, '@', 1, true) and stored or '', '(%a+@%S+) (%d+) (%d+) (%d+)') do
    n = n + 1
    ids[n], capacity[n], ends[n] = id, tonumber(c), tonumber(e)
    used[n] = ends[n] > now and tonumber(u) or 0
    if refund and not sibling_id[id] then used[n] = max(0, used[n] - cost) end
    entry_of[id] = n
  end
end
local stored_entries = n
if stored and n == 0 then
  -- No entry to read: owed until the key expires; a key without expiry owes every window.
  owed_until_expiry = expiry > 0 and expiry - now or math.huge
end

-- The configured limits' entries, found by identity; the caller configures them now. A
-- calendar limit's period is the one of the given periods that contains now.
local limit_id, configured, period_end = {}, {}, {}
for i = 1, count do
  local spec = ARGV[4 + 2 * i]
  local id, _, to
  if not tonumber(spec) then id, _, to = period(spec) end
  if id then
    period_end[i] = to
  else
    id = ARGV[3 + 2 * i] .. '/' .. spec
  end
  limit_id[i] = id
  local e = entry_of[id]
  if e then configured[e] = true end
end

-- Stored bucket entries that nobody has configured for one to two of their windows, and
-- calendar entries whose period ended, no longer count. A sibling entry is one of a sibling
-- limit that this caller does not configure: it is charged, but never decides.
local kept, sibling = {}, {}
for e = 1, n do
  sibling[e] = not configured[e] and sibling_id[ids[e]] or false
  if used[e] then
    if configured[e] or used[e] > 0 then kept[#kept + 1] = e end
  elseif configured[e] or floor(now / window[e]) - seen[e] < 2 or (sibling[e] and dq[e] > 0) then
    -- A sibling entry still owing is kept, however long ago its tier was last used: the calls
    -- of the other tiers charge it, and dropping it would hand its tier a full bucket back.
    kept[#kept + 1] = e
  end
end
-- What a write stores: the kept entries; a refund never adds one.
local written = { unpack(kept) }

-- The largest fraction of its capacity and the most tokens that a kept stored bucket entry owes
-- (computed only when a limit is added: the common call needs neither).
local stored_kept = #kept
local function most_owed()
  local largest_fraction, most_tokens = 0, 0
  for k = 1, stored_kept do
    local e = kept[k]
    if not used[e] then
      local cap, win = capacity[e], window[e]
      local tokens, rest = muldiv(cap, dq[e], win)
      largest_fraction = max(largest_fraction, (dq[e] + dr[e] / cap) / win)
      most_tokens = max(most_tokens, tokens + (rest + dr[e]) / win)
    end
  end
  return largest_fraction, most_tokens
end

-- A configured limit without an entry (added, or changed) starts as used as the kept entries of
-- its kind: a bucket limit owes the largest fraction of its capacity that a bucket entry owes,
-- and never fewer tokens than one owes; a calendar limit has used the largest fraction that a
-- calendar entry of its unit has used, and never fewer tokens. The calls that were charged to
-- the stored limits count against it too.
local limit_entry = {}
for i = 1, count do
  local e = entry_of[limit_id[i]]
  local cap = tonumber(ARGV[3 + 2 * i])
  if not e then
    e = n + 1
    n, ids[e], capacity[e], entry_of[limit_id[i]], configured[e] = e, limit_id[i], cap, e, true
    if period_end[i] then
      local unit = string.match(limit_id[i], '^(%a+)@')
      used[e] = 0
      for _, k in ipairs(kept) do
        if used[k] and string.match(ids[k], '^(%a+)@') == unit then
          local share, rest = muldiv(used[k], cap, capacity[k])
          used[e] = max(used[e], share + (rest > 0 and 1 or 0), used[k])
        end
      end
      used[e] = min(cap, used[e])
    else
      local win = tonumber(ARGV[4 + 2 * i])
      window[e] = win
      if owed_until_expiry then
        dq[e], dr[e] = min(owed_until_expiry, win), 0
        if owed_until_expiry > win then clipped = true end
      else
        local largest_fraction, most_tokens = most_owed()
        dq[e], dr[e] = debt_of(max(largest_fraction * cap, most_tokens), cap, win)
      end
    end
    kept[#kept + 1] = e
    if not refund then written[#written + 1] = e end
    added = true
  end
  if period_end[i] then
    -- The configured capacity applies to the stored count, until the current period's end.
    capacity[e], ends[e] = cap, period_end[i]
  end
  limit_entry[i] = e
end

-- Every kept entry must take the cost, configured or not: a bucket entry within the wait, a
-- calendar entry within its period; then all take it or none. A refund has given it back above;
-- it counts as allowed when there were entries to give it to.
local allowed = not refund or stored_entries > 0
local cost_ms, cost_units, beyond = {}, {}, {}
if not refund then
  local slot_ms = 0
  for _, e in ipairs(kept) do
    if used[e] then
      if used[e] + cost > capacity[e] and not sibling[e] then allowed = false end
    else
      cost_ms[e], cost_units[e] = refill_time(cost, capacity[e], window[e])
      local q, r = plus(dq[e], dr[e], cost_ms[e], cost_units[e], capacity[e])
      if not sibling[e] then
        if ceil_ms(q, r) - window[e] > max_wait then allowed = false end
        slot_ms = max(slot_ms, ceil_ms(q, r) - window[e])
      end
    end
  end
  -- A reservation whose slot falls at or after a calendar period's end would run in the next
  -- period but be charged to this one: rejected, to retry at the boundary.
  for _, e in ipairs(kept) do
    if allowed and used[e] and not sibling[e] and now + slot_ms >= ends[e] then allowed, beyond[e] = false, true end
  end
end
local retry_after_ms, new_expiry = 0, now
if allowed and not peek and not refund then
  for _, e in ipairs(kept) do
    if sibling[e] then
      -- Charged up to empty, never beyond: another tier's limits decide this call.
      if used[e] then
        used[e] = max(used[e], min(capacity[e], used[e] + cost))
      elseif dq[e] < window[e] then
        dq[e], dr[e] = plus(dq[e], dr[e], cost_ms[e], cost_units[e], capacity[e])
        if dq[e] >= window[e] then dq[e], dr[e] = window[e], 0 end
      end
    elseif used[e] then
      used[e] = used[e] + cost
    else
      dq[e], dr[e] = plus(dq[e], dr[e], cost_ms[e], cost_units[e], capacity[e])
      -- A reservation's wait: until its cost is covered in the limit that owes longest.
      retry_after_ms = max(retry_after_ms, ceil_ms(dq[e], dr[e]) - window[e])
    end
  end
end
-- The key lives until every bucket entry is full and every used period has ended.
for _, e in ipairs(written) do
  if not used[e] then
    new_expiry = max(new_expiry, now + ceil_ms(dq[e], dr[e]))
  elseif used[e] > 0 then
    new_expiry = max(new_expiry, ends[e])
  end
end
if not allowed and not refund then
  for _, e in ipairs(kept) do
    local cap = capacity[e]
    if sibling[e] then
      -- never decides
    elseif used[e] then
      if used[e] + cost > cap or beyond[e] then retry_after_ms = max(retry_after_ms, ends[e] - now) end
    elseif cost > cap and not configured[e] then
      -- This entry never takes the cost: the call can pass once it is dropped (nobody has
      -- configured it for two of its windows) or the key expires, whichever comes first; a
      -- rejection that writes nothing leaves the stored expiry, which may be the later one.
      retry_after_ms = max(retry_after_ms, min((seen[e] + 2) * window[e] - now, max(new_expiry, expiry) - now))
    else
      local q, r = plus(dq[e], dr[e], cost_ms[e], cost_units[e], cap)
      retry_after_ms = max(retry_after_ms, ceil_ms(q, r) - window[e])
    end
  end
end

-- Whole tokens left in each kept entry, as the operation leaves it.
local left = {}
for _, e in ipairs(kept) do
  local cap = capacity[e]
  left[e] = used[e] and cap - used[e] or cap - tokens_owed(dq[e], dr[e], cap, window[e])
end

-- The tightest configured limit: fewest tokens left when allowed, longest wait when rejected.
local by_fewest = allowed or refund
local tightest, best = 1, nil
for i = 1, count do
  local e = limit_entry[i]
  local cap, measure = capacity[e], nil
  if used[e] then
    local over = used[e] + cost - cap
    measure = by_fewest and -left[e] or ((over > 0 or beyond[e]) and ends[e] - now or over)
  elseif by_fewest then
    measure = -left[e]
  else
    local q, r = plus(dq[e], dr[e], cost_ms[e], cost_units[e], cap)
    measure = ceil_ms(q, r) - window[e]
  end
  if not best or measure > best then tightest, best = i, measure end
end

-- Writes as the one-limit case does; an entry just added is stored even by a rejection, so that
-- it refills at its own rate from now rather than follow the entries it was derived from, and so
-- is a configured bucket entry's stale s (once per its window), so that a limit is not dropped
-- while callers configure it, however often it rejects them. A refund writes only when there
-- were entries, and expires the key when every one it keeps is full. A calendar entry with
-- nothing used is left out: it reads as 0 used.
local stale = false
for _, e in ipairs(kept) do
  if configured[e] and window[e] and seen[e] ~= floor(now / window[e]) then stale = true end
end
if refund and stored_entries > 0 and new_expiry == now then
  redis.call('PEXPIREAT', key, now)
elseif not peek and (allowed or clipped or added or stale) and (stored_entries > 0 or not refund) then
  local parts = {}
  for _, e in ipairs(written) do
    local cap = capacity[e]
    if not used[e] then
      local full_in_ms = ceil_ms(dq[e], dr[e])
      local last_seen = configured[e] and floor(now / window[e]) or seen[e]
      parts[#parts + 1] = format('%s %d %d %d', ids[e], dr[e] > 0 and cap - dr[e] or 0,
          new_expiry - now - full_in_ms, last_seen)
    elseif used[e] > 0 then
      parts[#parts + 1] = format('%s %d %d %d', ids[e], cap, used[e], ends[e])
    end
  end
  local value = table.concat(parts, ' ')
  if value == stored then
    redis.call('PEXPIREAT', key, new_expiry)
  else
    redis.call('SET', key, value, 'PXAT', new_expiry)
  end
end

-- Whole tokens left: the fewest of any kept entry, configured or not, since every one is charged
-- and may reject; a sibling entry never rejects.
local t = limit_entry[tightest]
local remaining = capacity[t]
for _, e in ipairs(kept) do
  if not sibling[e] then remaining = min(remaining, left[e]) end
end
remaining = max(0, remaining)
local reset_ms
if not used[t] then
  reset_ms = ceil_ms(dq[t], dr[t])
else
  reset_ms = used[t] > 0 and ends[t] - now or 0
end
-- A stored entry that nobody configures may be absurd (another writer's): its waits are capped
-- at 2^53 ms, exact in a Lua number and far from the integer reply's 2^63.
local longest_ms = 2 ^ 53
return finish({ allowed and 1 or 0, remaining, min(retry_after_ms, longest_ms),
         min(max(reset_ms, retry_after_ms), longest_ms), capacity[t], tightest })
