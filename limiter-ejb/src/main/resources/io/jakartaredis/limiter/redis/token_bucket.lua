-- token_bucket.lua: one atomic operation on one (policy, client) bucket: take, reserve, peek
-- or refund, and on its concurrency slots: acquire (with a take) and release.
--
-- A policy has one or more limits; limit i holds at most capacity_i tokens and refills
-- capacity_i tokens per window_i, continuously. A call takes `cost` tokens from every limit,
-- or from none when any of them has too few.
--
-- KEYS[1]   the bucket key
-- KEYS[2]   the lease key (a sorted set of lease ids scored by expiry, ms on the Redis clock), in
--           the bucket key's Cluster slot; only with a concurrency limit
-- ARGV[1]   cost: tokens to take or give back (integer >= 1, <= every capacity)
-- ARGV[2]   now in ms, or "" to read the Redis clock (only script tests pass a fixed timeline)
-- ARGV[3]   the operation:
--             w (an integer)  take: takes the cost when it is covered within w ms. w = 0 is a plain
--                             take (the tokens are there now); w > 0 reserves: every limit may owe
--                             up to w ms beyond empty, so the caller waits for its slot, and the
--                             reply's retry_after_ms is that wait. Callers keep 0 <= w <= MAX_WAIT_MS
--                             and (window_i + w) * capacity_i <= 2^52.
--             "peek"          what a take (w = 0) would answer, with remaining and reset as the
--                             bucket is (nothing taken); no write command in any branch, so that
--                             it runs as EVALSHA_RO, also on a read-only replica.
--             "refund"        gives the cost back to every stored entry, none above its capacity;
--                             writes as a take does, expires the key now (which deletes it) when
--                             every entry is full again, and writes nothing for a missing key (a full bucket) or a
--                             value without entries. It never adds an entry.
--             "release"       gives back the slot of lease id L (ARGV[4]); touches no bucket
-- ARGV[4]   the policy's concurrency limit, "" for none, else "S M L": at most S (integer >= 1)
--           leases live at once, each M ms (integer >= 1) after its slot, L the lease id that an
--           admitted take or reservation holds ("-" for a peek). See "Concurrency" below.
-- ARGV[5..] capacity_i (tokens) and window_i (ms), one pair per limit, as canonical integers
--
-- State: when each limit is full again (the "theoretical arrival time" of GCRA, which decides
-- exactly as a continuously refilled token bucket). Time is counted in units of 1/capacity_i ms,
-- so one token, window_i / capacity_i ms, is exactly window_i units and refill is integer
-- arithmetic. A limit's debt is how many units from now it is full again: 0 when full,
-- window_i * capacity_i when empty, up to (window_i + MAX_WAIT_MS) * capacity_i with
-- reservations. Callers keep capacity * window <= 2^52: every number is exact.
--
-- A stored limit full more than one window from now is read as empty, never emptier, when that
-- cannot come from reservations on this clock: more than window + MAX_WAIT_MS or 2^52 units
-- ahead, or written while this clock was in a later window (s below, a master whose clock was
-- ahead: a failover). A reservation is kept; a clock ahead costs at most one window.
--
-- The key expires when the last limit is full again (PXAT, rounded up to a whole ms), so the
-- expiry time carries the state and a missing key is a full bucket. The value holds one entry
-- per limit, "C/W g d s", entries separated by a space:
--   C/W  the limit's identity, capacity and window in ms: an entry is only ever read with the
--        capacity and window it was written with
--   g    units (1/C ms) by which the limit is full before its whole ms (g < C)
--   d    ms by which the limit is full before the key's expiry (0 for the last one to fill)
--   s    floor(now / W) when a caller last configured this limit
-- A limit whose token lasts a whole number of ms has g = 0: within one of its windows its value
-- never changes, and an admitted call only moves the expiry.
--
-- When the configured limits differ from the stored entries (a rolling deployment, a changed
-- configuration, two applications sharing a policy name), no caller ever gets more than the
-- stricter of the two configurations would give:
--   * a stored entry the caller does not configure is still checked and charged (and refunded);
--     it is dropped once no caller has configured it for one to two of its own windows (s: any
--     call counts, a rejection writes it at most once per window); a cost above its capacity
--     waits until then;
--   * a configured limit without an entry (a limit added or changed) starts owing the largest
--     fraction of its capacity that a stored entry owes, and at least as many tokens as one owes
--     (at most its capacity); a take stores it at once, even by a rejection; a refund does not;
--   * a value without entries (the format before identities, or any other shape) owes until the
--     key expires, capped at each limit's window; one without expiry owes a full window;
--   * a key of another type rejects every call (retry after the longest window), never written.
--
-- Returns {allowed, remaining, retry_after_ms, reset_ms, limit, limit_index}:
--   allowed         take: 1 when the cost was taken, 0 when nothing was taken; peek: 1 when a
--                   take would take it; refund: 1 when stored entries got the cost back
--   remaining       whole tokens left in the limit with the fewest, configured or stored, never
--                   below 0 (a bucket owing reservations has none)
--   retry_after_ms  ms until the cost is covered: 0 when it is there now; for a reservation
--                   taken, the wait until its slot; when rejected, until this cost could pass
--                   (a take, or a reservation waiting up to that long); 0 for a refund
--   reset_ms        ms until the tightest limit is full again
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
-- was still live; no bucket key is read. A refund does not release.

local tonumber, ceil, floor, max, min, format = tonumber, math.ceil, math.floor, math.max, math.min, string.format
-- The longest wait a reservation may ask for, ms (RateLimiter#acquire's bound: 1 hour).
local MAX_WAIT_MS = 3600000
-- Debts above this many units are not exact: never made on this clock.
local MAX_UNITS = 2 ^ 52
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
local count = (#ARGV - 4) / 2

-- The concurrency limit (see "Concurrency" above): the take's reply goes through finish(), which
-- adds the lease when the bucket admitted it and appends the free slots.
local slots, lease_ms, lease_id = string.match(ARGV[4], '^(%d+) (%d+) (%S+)$')
local finish = function(reply) reply[7] = -1 return reply end
if slots then
  slots, lease_ms = tonumber(slots), tonumber(lease_ms)
  local leases = KEYS[2]
  local live
  if peek then
    live = redis.call('ZCOUNT', leases, '(' .. now, '+inf')
  else
    redis.call('ZREMRANGEBYSCORE', leases, '-inf', now)
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

-- PEXPIRETIME is -2 for a missing key (a full bucket) and -1 for one without expiry, which this
-- script never writes: it owes a full window.
local expiry = redis.call('PEXPIRETIME', key)
local stored = (expiry > now or expiry == -1) and redis.pcall('GET', key)

-- A key of another type (a hash of another application under the same name) is not this
-- limiter's to overwrite, and not a Redis failure either: rejected, to retry after the longest
-- configured window, and nothing written. Any other error (an ACL denial) fails as it would
-- have: the same GET again, unprotected, raises it with this line's number.
if type(stored) == 'table' then
  if not string.find(stored.err or '', 'WRONGTYPE', 1, true) then
    redis.call('GET', key)
  end
  local longest = 1
  for i = 2, count do
    if tonumber(ARGV[4 + 2 * i]) > tonumber(ARGV[4 + 2 * longest]) then longest = i end
  end
  local win = tonumber(ARGV[4 + 2 * longest])
  return finish({ 0, 0, refund and 0 or win, win, tonumber(ARGV[3 + 2 * longest]), longest })
end

-- One limit stored as one matching entry, the common case: the arithmetic of the general case
-- below without its tables, which cost Redis more time than the rest of the script.
if count == 1 then
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
      debt = max(0, full_in_ms * cap - tonumber(early))
      if full_in_ms > win and (full_in_ms > win + MAX_WAIT_MS or debt > MAX_UNITS
          or tonumber(last_seen) > floor(now / win)) then
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

-- Entries: identity, capacity, window, debt now, when last configured; e indexes all of them.
local ids, capacity, window, debt, seen, entry_of = {}, {}, {}, {}, {}, {}
local n, clipped, added = 0, false, false
local owed_until_expiry = false
if stored and expiry > 0 then
  for c, w, g, d, s in string.gmatch(stored, '(%d+)/(%d+) (%d+) (%d+) (%d+)') do
    local cap, win = tonumber(c), tonumber(w)
    n = n + 1
    ids[n], capacity[n], window[n], seen[n] = c .. '/' .. w, cap, win, tonumber(s)
    local full_in_ms = expiry - tonumber(d) - now
    debt[n] = max(0, full_in_ms * cap - tonumber(g))
    if full_in_ms > win and (full_in_ms > win + MAX_WAIT_MS or debt[n] > MAX_UNITS or seen[n] > floor(now / win)) then
      debt[n], clipped = win * cap, true
    end
    if refund then debt[n] = max(0, debt[n] - cost * win) end
    entry_of[ids[n]] = n
  end
end
local stored_entries = n
if stored and n == 0 then
  -- No entry to read: owed until the key expires; a key without expiry owes every window.
  owed_until_expiry = expiry > 0 and expiry - now or math.huge
end

-- The configured limits' entries, found by identity; the caller configures them now.
local limit_id, configured = {}, {}
for i = 1, count do
  limit_id[i] = ARGV[3 + 2 * i] .. '/' .. ARGV[4 + 2 * i]
  local e = entry_of[limit_id[i]]
  if e then configured[e] = true end
end

-- Stored entries that nobody has configured for one to two of their windows no longer count.
-- The largest fraction of its capacity and the most tokens that a kept entry owes:
local kept, largest_fraction, most_tokens = {}, 0, 0
for e = 1, n do
  if configured[e] or floor(now / window[e]) - seen[e] < 2 then
    kept[#kept + 1] = e
    largest_fraction = max(largest_fraction, debt[e] / (window[e] * capacity[e]))
    most_tokens = max(most_tokens, debt[e] / window[e])
  end
end
-- What a write stores: the kept entries; a refund never adds one.
local written = { unpack(kept) }

-- A configured limit without an entry (added, or changed) owes the largest fraction of its
-- capacity that a kept entry owes, and never fewer tokens than one owes: the calls that were
-- charged to the stored limits count against it too.
local limit_entry = {}
for i = 1, count do
  local e = entry_of[limit_id[i]]
  if not e then
    local cap, win = tonumber(ARGV[3 + 2 * i]), tonumber(ARGV[4 + 2 * i])
    e = n + 1
    n, ids[e], capacity[e], window[e], entry_of[limit_id[i]], configured[e] = e, limit_id[i], cap, win, e, true
    if owed_until_expiry then
      debt[e] = min(owed_until_expiry, win) * cap
      if owed_until_expiry > win then clipped = true end
    else
      debt[e] = min(win * cap, ceil(max(largest_fraction * cap, most_tokens) * win))
    end
    kept[#kept + 1] = e
    if not refund then written[#written + 1] = e end
    added = true
  end
  limit_entry[i] = e
end

-- Every kept entry must take the cost within the wait, configured or not; then all take it or none.
-- A refund has given it back above; it counts as allowed when there were entries to give it to.
local allowed = not refund or stored_entries > 0
if not refund then
  for _, e in ipairs(kept) do
    if debt[e] + cost * window[e] > (window[e] + max_wait) * capacity[e] then allowed = false end
  end
end
local retry_after_ms, new_expiry = 0, now
for _, e in ipairs(kept) do
  local cap, win = capacity[e], window[e]
  if allowed and not peek and not refund then
    -- A reservation's wait: until its cost is covered in the limit that owes longest.
    retry_after_ms = max(retry_after_ms, ceil((debt[e] + cost * win - win * cap) / cap))
    debt[e] = debt[e] + cost * win
  end
end
for _, e in ipairs(written) do
  new_expiry = max(new_expiry, now + ceil(debt[e] / capacity[e]))
end
if not allowed and not refund then
  for _, e in ipairs(kept) do
    local cap, win = capacity[e], window[e]
    if cost > cap and not configured[e] then
      -- This entry never takes the cost: the call can pass once it is dropped (nobody has
      -- configured it for two of its windows) or the key expires, whichever comes first; a
      -- rejection that writes nothing leaves the stored expiry, which may be the later one.
      retry_after_ms = max(retry_after_ms, min((seen[e] + 2) * win - now, max(new_expiry, expiry) - now))
    else
      retry_after_ms = max(retry_after_ms, ceil((debt[e] + cost * win - win * cap) / cap))
    end
  end
end

-- The tightest configured limit: fewest tokens left when allowed, longest wait when rejected.
local by_fewest = allowed or refund
local tightest, best = 1, nil
for i = 1, count do
  local e = limit_entry[i]
  local cap, win = capacity[e], window[e]
  local measure = by_fewest and -(cap - ceil(debt[e] / win)) or ceil((debt[e] + cost * win - win * cap) / cap)
  if not best or measure > best then tightest, best = i, measure end
end

-- Writes as the one-limit case does; an entry just added is stored even by a rejection, so that
-- it refills at its own rate from now rather than follow the entries it was derived from, and so
-- is a configured entry's stale s (once per its window), so that a limit is not dropped while
-- callers configure it, however often it rejects them. A refund writes only when there were
-- entries, and expires the key when every one it keeps is full.
local stale = false
for _, e in ipairs(kept) do
  if configured[e] and seen[e] ~= floor(now / window[e]) then stale = true end
end
if refund and stored_entries > 0 and new_expiry == now then
  redis.call('PEXPIREAT', key, now)
elseif not peek and (allowed or clipped or added or stale) and (stored_entries > 0 or not refund) then
  local parts = {}
  for k, e in ipairs(written) do
    local cap = capacity[e]
    local full_at_ms = now + ceil(debt[e] / cap)
    local last_seen = configured[e] and floor(now / window[e]) or seen[e]
    parts[k] = format('%s %d %d %d', ids[e], (full_at_ms - now) * cap - debt[e], new_expiry - full_at_ms, last_seen)
  end
  local value = table.concat(parts, ' ')
  if value == stored then
    redis.call('PEXPIREAT', key, new_expiry)
  else
    redis.call('SET', key, value, 'PXAT', new_expiry)
  end
end

-- Whole tokens left: the fewest of any kept entry, configured or not, since every one is charged.
local t = limit_entry[tightest]
local remaining = capacity[t]
for _, e in ipairs(kept) do
  remaining = min(remaining, capacity[e] - ceil(debt[e] / window[e]))
end
remaining = max(0, remaining)
-- A stored entry that nobody configures may be absurd (another writer's): its waits are capped
-- at 2^53 ms, exact in a Lua number and far from the integer reply's 2^63.
local longest_ms = 2 ^ 53
return finish({ allowed and 1 or 0, remaining, min(retry_after_ms, longest_ms),
         min(max(ceil(debt[t] / capacity[t]), retry_after_ms), longest_ms), capacity[t], tightest })
