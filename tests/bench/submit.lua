-- wrk script for bench-commit: every request sends one saved draft (its answer cookie), each
-- draft exactly once, spread over wrk's threads. A thread stops when its drafts are used up.
--
-- Environment: TOKENS_FILE (one `yoriai_answer=…` per line), WRK_THREADS (wrk's -t),
-- PACE_MS (the mean pause before each request on a connection, drawn at random between 0 and
-- twice it: connections × 1000 / PACE_MS is the offered rate; 0 sends as fast as the server
-- answers), ORIGIN (the site, for the CSRF check).

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  local count = tonumber(os.getenv("WRK_THREADS") or "1")
  tokens = {}
  local i = 0
  for line in io.lines(os.getenv("TOKENS_FILE")) do
    if i % count == id then
      table.insert(tokens, line)
    end
    i = i + 1
  end
  position = 0
  acknowledged = 0
  other = 0
  pace = tonumber(os.getenv("PACE_MS") or "0")
  origin = os.getenv("ORIGIN")
end

function delay()
  -- Random between 0 and twice the mean, so that connections do not send in waves.
  if pace == 0 then
    return 0
  end
  return math.random(0, 2 * pace)
end

function request()
  position = position + 1
  local cookie = tokens[position]
  if cookie == nil then
    -- Nothing left to send: stop, and make the request that is still asked for harmless.
    wrk.thread:stop()
    return wrk.format("GET", "/healthz")
  end
  return wrk.format("POST", wrk.path, {
    ["Cookie"] = cookie,
    ["Origin"] = origin,
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Content-Length"] = "0",
  }, "")
end

function response(status, headers, body)
  if status == 303 then
    acknowledged = acknowledged + 1
  elseif status ~= 200 then
    other = other + 1
  end
end

function done(summary, latency, requests)
  local acked, others = 0, 0
  for _, thread in ipairs(threads) do
    acked = acked + thread:get("acknowledged")
    others = others + thread:get("other")
  end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    "RESULT duration_us=%d acknowledged=%d other=%d errors=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d\n",
    summary.duration, acked, others, errors,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
