-- wrk script for bench/messages: each request sends a first message to the
-- helpline (a new conversation), from its own made-up address in
-- X-Forwarded-For (the bench server trusts 127.0.0.1 as a proxy, so the
-- per-address limit on new conversations does not stop the load). Counts
-- the pages that show a conversation code, which are sent only after the
-- commit.
--
--   wrk -t1 -c64 -d10s -s bench/messages-send.lua URL

sent = 0
refused = 0
local n = 0

function request()
  n = n + 1
  local addr = string.format("10.%d.%d.%d",
    math.floor(n / 65536) % 256, math.floor(n / 256) % 256, n % 256)
  return wrk.format("POST", "/messages/send",
    { ["Content-Type"] = "application/x-www-form-urlencoded",
      ["X-Forwarded-For"] = addr },
    "text=I+have+been+worried+about+my+thoughts+for+a+while+and+I+want+to+stop.+Message+"
      .. n .. "&nickname=Sam&action=send-anyway")
end

function response(status, headers, body)
  if status == 200 and body:find("conversation-code", 1, true) then
    sent = sent + 1
  else
    refused = refused + 1
  end
end

local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
end

function done(summary, latency, requests)
  local s, r = 0, 0
  for _, thread in ipairs(threads) do
    s = s + thread:get("sent")
    r = r + thread:get("refused")
  end
  io.write(string.format("SENT %d\nREFUSED %d\nSECONDS %.3f\nP99_MS %.2f\n",
    s, r, summary.duration / 1e6, latency:percentile(99) / 1000))
end
