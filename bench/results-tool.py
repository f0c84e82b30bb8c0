#!/usr/bin/env python3
"""Helpers for bench/results (standard library only).

  fill DB N             N stored responses to the feedback survey (answers
                        like the real flow's, a tenth with a series code)
  signin BASE LINK      enrol through the enrolment LINK, then sign in with
                        a recovery code; prints the session cookie
  time BASE COOKIE PATH seconds to the first byte and to the last, and bytes
"""

import hashlib
import http.client
import random
import re
import sqlite3
import sys
import time
import urllib.parse

PASSWORD = "benchmark staff password"


def fill(db_path, n):
    db = sqlite3.connect(db_path)
    n = int(n)
    rng = random.Random(14)
    (content,) = db.execute(
        "SELECT hash FROM content_versions ORDER BY rowid DESC LIMIT 1"
    ).fetchone() or ("bench",)
    responses, answers = [], []
    (start,) = db.execute("SELECT COALESCE(MAX(id), 0) FROM survey_responses").fetchone()
    for i in range(start + 1, start + n + 1):
        day = f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}"
        series = hashlib.sha256(str(i).encode()).hexdigest() if i % 10 == 0 else None
        responses.append((i, "feedback", 1, content, series, day))
        answers += [
            (i, "age", "", rng.choice(["18-24", "25-34", "35-44", "45-54"])),
            (i, "reason", "own-thoughts", "1"),
            (i, "helpful", "", str(rng.randint(1, 5))),
            (i, "statements", "understand", str(rng.randint(1, 5))),
            (i, "behaviour-change", "", rng.choice(["stopped", "reduced", "same"])),
            (i, "what-changed", "", "=HYPERLINK(\"x\") talking helped" if i % 97 == 0 else "Talking helped"),
            (i, "confidence", "", str(rng.randint(0, 10))),
            (i, "contacted-helpline", "", rng.choice(["yes", "planning", "no"])),
            (i, "weeks-using", "", str(rng.randint(1, 52))),
        ]
    with db:
        db.executemany(
            "INSERT INTO survey_responses (id, survey_id, version, content_hash, series_code_hash, submitted_on) VALUES (?, ?, ?, ?, ?, ?)",
            responses,
        )
        db.executemany(
            "INSERT INTO survey_answers (response_id, question_id, item, value) VALUES (?, ?, ?, ?)",
            answers,
        )
    print(f"{n} responses, {len(answers)} answers")


def request(base, method, path, body=None, cookie=None):
    url = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if cookie:
        headers["Cookie"] = cookie
    conn.request(method, path, body=body, headers=headers)
    r = conn.getresponse()
    data = r.read()
    conn.close()
    return r, data.decode("utf-8", "replace")


def totp(secret_b32, at):
    import base64
    import hmac
    import struct

    key = base64.b32decode(secret_b32 + "=" * (-len(secret_b32) % 8))
    mac = hmac.new(key, struct.pack(">Q", int(at) // 30), "sha1").digest()
    o = mac[-1] & 15
    return f"{(struct.unpack('>I', mac[o:o + 4])[0] & 0x7FFFFFFF) % 1000000:06d}"


def signin(base, link):
    path = urllib.parse.urlsplit(link).path
    form = urllib.parse.urlencode({"step": "password", "password": PASSWORD, "confirm": PASSWORD})
    r, page = request(base, "POST", path, form)
    secret = re.search(r"<code[^>]*>([A-Z2-7]{16,})</code>", page)
    if not secret:
        sys.exit(f"no TOTP secret on the enrolment page ({r.status})")
    r, page = request(base, "POST", path, urllib.parse.urlencode({"step": "code", "code": totp(secret.group(1), time.time())}))
    codes = re.findall(r"<li><code>([0-9A-Z-]+)</code></li>", page)
    if not codes:
        sys.exit(f"no recovery codes after enrolment ({r.status})")
    form = urllib.parse.urlencode({"name": "bench", "password": PASSWORD, "code": codes[0]})
    r, _ = request(base, "POST", "/staff/sign-in", form)
    cookie = r.getheader("Set-Cookie", "").split(";")[0]
    if r.status != 303 or not cookie:
        sys.exit(f"sign-in failed ({r.status})")
    print(cookie)


def time_get(base, cookie, path):
    url = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=600)
    start = time.monotonic()
    conn.request("GET", path, headers={"Cookie": cookie})
    r = conn.getresponse()
    first = r.read(1)
    first_at = time.monotonic() - start
    size = len(first)
    while True:
        chunk = r.read(65536)
        if not chunk:
            break
        size += len(chunk)
    total = time.monotonic() - start
    conn.close()
    if r.status != 200:
        sys.exit(f"{path}: status {r.status}")
    print(f"{first_at:.3f} {total:.3f} {size}")


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    {"fill": fill, "signin": signin, "time": time_get}[cmd](*args)
