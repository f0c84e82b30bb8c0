-- wrk script for bench/cluster: each request sends one module's quick
-- survey ("Was this module helpful?"): one durable response per request.
-- Counts the thank-you pages, which are only sent after the commit.
--
--   wrk -t2 -c64 -d10s -s bench/quick-submit.lua URL/survey/quick/SLUG

thanked = 0
refused = 0

-- Each request from its own address (documentation range 198.18.0.0/15),
-- forwarded by nginx: the per-address limit is not what is measured.
function request()
  local from = string.format("198.18.%d.%d", math.random(0, 255), math.random(1, 254))
  return wrk.format("POST", nil,
    { ["Content-Type"] = "application/x-www-form-urlencoded",
      ["X-Forwarded-For"] = from },
    "q-helpful=4&q-clear=mostly")
end

function response(status, headers, body)
  if status == 200 then
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
