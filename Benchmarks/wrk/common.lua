-- Shared by every workload: reads the BENCH_* environment and prints one JSON summary line at the end.
local env = os.getenv

slug = env("BENCH_SLUG") or "bench"
min_id = tonumber(env("BENCH_MIN_ID") or "1")
max_id = tonumber(env("BENCH_MAX_ID") or "1")
question_id = tonumber(env("BENCH_QUESTION") or "1")
tokens = {}

-- Contributor tokens, one a line; each request takes the next, so requests come from thousands of people.
local function load_tokens()
  local path = env("BENCH_TOKENS")
  if path == nil or path == "" then return end
  for line in io.lines(path) do tokens[#tokens + 1] = line end
end
load_tokens()
local token_index = 0

function next_token()
  token_index = token_index % #tokens + 1
  return tokens[token_index]
end

function random_id()
  return math.random(min_id, max_id)
end

counter = 0

-- The threads, so `done` can sum what a script counted in each (a global `joins`, launch.lua).
local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
end

function done(summary, latency, requests)
  local e = summary.errors
  local joins = 0
  for _, thread in ipairs(threads) do joins = joins + (thread:get("joins") or 0) end
  io.write(string.format(
    'BENCHJSON {"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,"joins":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect, e.read, e.write, e.status, e.timeout, joins))
end
