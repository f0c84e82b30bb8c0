#!/usr/bin/env python3
"""Helpers for bench/messages (standard library only).

  fill PORT N          starts N conversations (8 at a time, each from its
                       own forwarded address)
  inbox PORT LINK N [NAME]
                       enrol a practitioner through the one-time LINK's
                       pages, sign in, then time N loads of /staff/messages;
                       prints the open count and the median and p95 in ms
"""

import base64
import hashlib
import hmac
import http.client
import re
import statistics
import struct
import sys
import time
import urllib.parse

PASSWORD = "quiet lantern harbour nine"


def totp(secret, at):
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    mac = hmac.new(key, struct.pack(">Q", int(at) // 30), hashlib.sha1).digest()
    o = mac[-1] & 15
    return f"{(struct.unpack('>I', mac[o:o + 4])[0] & 0x7FFFFFFF) % 1000000:06d}"


def request(port, method, path, form=None, cookie=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {}
    body = None
    if form is not None:
        body = urllib.parse.urlencode(form)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    if cookie:
        headers["Cookie"] = cookie
    c.request(method, path, body=body, headers=headers)
    r = c.getresponse()
    data = r.read().decode()
    return r.status, r.getheader("Set-Cookie") or "", data


def fill(port, n):
    import concurrent.futures
    port, n = int(port), int(n)

    def one(i):
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        body = urllib.parse.urlencode({"text": f"Filling the inbox {i}", "action": "send-anyway"})
        c.request("POST", "/messages/send", body=body, headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Forwarded-For": f"10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}"})
        r = c.getresponse()
        r.read()
        assert r.status == 200, r.status

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        list(pool.map(one, range(n)))


def inbox(port, link, n, name="bench"):
    port, n = int(port), int(n)
    path = urllib.parse.urlparse(link).path
    request(port, "GET", path)
    _, _, page = request(port, "POST", path,
                         {"step": "password", "password": PASSWORD, "confirm": PASSWORD})
    secret = re.search(r'<code id="totp-key">([A-Z2-7]+)<', page).group(1)
    status, _, _ = request(port, "POST", path,
                           {"step": "code", "code": totp(secret, time.time() - 30)})
    assert status == 200, status
    status, cookie, _ = request(port, "POST", "/staff/sign-in",
                                {"name": name, "password": PASSWORD,
                                 "code": totp(secret, time.time())})
    assert status == 303 and cookie, (status, cookie)
    cookie = cookie.split(";")[0]
    times = []
    page = ""
    for _ in range(n):
        start = time.perf_counter()
        status, _, page = request(port, "GET", "/staff/messages", cookie=cookie)
        times.append((time.perf_counter() - start) * 1000)
        assert status == 200, status
    open_count = re.search(r"(\d+) open in all", page).group(1)
    times.sort()
    print(f"OPEN {open_count}")
    print(f"MEDIAN_MS {statistics.median(times):.1f}")
    print(f"P95_MS {times[int(len(times) * 0.95) - 1]:.1f}")


if __name__ == "__main__":
    {"fill": fill, "inbox": inbox}[sys.argv[1]](*sys.argv[2:])
