-- wrk script for bench/survey: each request is the final POST of one
-- whole survey response (a draft prepared up to its review page). Counts
-- the thank-you pages, which are only sent after the response is committed.
-- (`thanked` and `refused` are globals so that done() can read them per thread.)
--
--   wrk -t1 -c64 -d10s -s bench/survey-submit.lua URL -- TOKENS_FILE

local tokens = {}
local next_token = 0
thanked = 0
refused = 0

function init(args)
  for line in io.lines(args[1]) do
    tokens[#tokens + 1] = line
  end
end

function request()
  next_token = next_token + 1
  -- Past the end, tokens are reused: those answer 410 and are not counted.
  local token = tokens[(next_token - 1) % #tokens + 1]
  return wrk.format("POST", "/survey/page",
    { ["Content-Type"] = "application/x-www-form-urlencoded" },
    "token=" .. token .. "&action=submit")
end

function response(status, headers, body)
  if status == 200 and body:find("Your answers have been sent", 1, true) then
    thanked = thanked + 1
  else
    refused = refused + 1
  end
end

local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
end

function done(summary, latency, requests)
  local t, r = 0, 0
  for _, thread in ipairs(threads) do
    t = t + thread:get("thanked")
    r = r + thread:get("refused")
  end
  io.write(string.format("THANKED %d\nREFUSED %d\nSECONDS %.3f\nP99_MS %.2f\n",
    t, r, summary.duration / 1e6, latency:percentile(99) / 1000))
end
