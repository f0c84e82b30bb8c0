#!/usr/bin/env python3
"""Helpers for bench/survey (standard library only).

  raw DIR SECONDS            the disk's fsyncs/s and SQLite single-row commits/s
  prepare DB TEMPLATE N OUT  N copies of the draft with token TEMPLATE, tokens to OUT
  crash PORT TOKENS SECONDS CONNS ACKED
                             submit drafts until the server dies; acked tokens to ACKED
  verify DB TOKENS [ACKED]   how many of these tokens' responses are stored,
                             and which acknowledged ones are missing
  discard DB TOKENS          delete the drafts of this set left unsubmitted
  clone-responses DB N       N more copies of the last stored response
"""

import asyncio
import hashlib
import json
import os
import secrets
import sqlite3
import sys
import time

THANKS = b"Your answers have been sent"


def token_hash(token):
    """The server's stored key of a draft token (survey::token::key)."""
    prefix, dot, secret = token.partition(".")
    if dot and len(prefix) == 16:
        return prefix + "." + hashlib.sha256(secret.encode()).hexdigest()
    return hashlib.sha256(token.encode()).hexdigest()


def mint(db, count):
    """`count` tokens as the server makes them: today's day and a running
    count in the prefix (continuing after the drafts already stored for
    today), 128 random bits after it."""
    day = f"{int(time.time()) // 86400:05x}"
    top = db.execute(
        "SELECT MAX(token_hash) FROM survey_drafts WHERE token_hash >= ? AND token_hash < ?",
        (day, day + "g"),
    ).fetchone()[0]
    start = int(top[5:16], 16) + 1 if top and top[16:17] == "." else 0
    return [f"{day}{start + i:011x}.{secrets.token_hex(16)}" for i in range(count)]


def marker(i):
    """A free-text answer unique to draft i: letters only, so that the
    survey's scrubbing of phone numbers cannot touch it."""
    letters = "".join("abcdefghij"[int(d)] for d in str(i))
    return f"benchmark{letters}"


def raw(directory, seconds):
    seconds = float(seconds)
    path = os.path.join(directory, "fsync.bin")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    block = b"x" * 4096
    n, start = 0, time.monotonic()
    while time.monotonic() - start < seconds:
        os.pwrite(fd, block, 0)
        os.fsync(fd)
        n += 1
    fsyncs = n / (time.monotonic() - start)
    os.close(fd)
    db = sqlite3.connect(os.path.join(directory, "raw.db"), isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)")
    n, start = 0, time.monotonic()
    while time.monotonic() - start < seconds:
        db.execute("BEGIN")
        db.execute("INSERT INTO t (v) VALUES (?)", ("one row",))
        db.execute("COMMIT")
        n += 1
    commits = n / (time.monotonic() - start)
    db.close()
    print(f"FSYNCS {fsyncs:.0f}")
    print(f"SQLITE_COMMITS {commits:.0f}")
    print(f"SQLITE_VERSION {sqlite3.sqlite_version}")


def prepare(db_path, template, count, out):
    db = sqlite3.connect(db_path, timeout=30)
    row = db.execute(
        "SELECT survey_id, version, page, answers, created_on, expires_on "
        "FROM survey_drafts WHERE token_hash = ?",
        (token_hash(template),),
    ).fetchone()
    if row is None:
        sys.exit("the template draft is not in the database")
    survey_id, version, page, answers, created, expires = row
    parsed = json.loads(answers)
    free = next((k for k, v in parsed.items() if "Talking helped" in json.dumps(v)), None)
    if free is None:
        sys.exit("the template draft has no free-text answer to mark")
    # Markers must be unique across every set prepared in this database
    # (responses of earlier sets stay): a random start among 10^15.
    start = secrets.randbelow(10**15)
    tokens, rows = mint(db, int(count)), []
    for i, token in zip(range(start, start + int(count)), tokens):
        text = answers.replace("Talking helped", marker(i))
        rows.append((token_hash(token), survey_id, version, page, text, created, expires))
    with db:
        db.executemany(
            "INSERT INTO survey_drafts (token_hash, survey_id, version, page, answers, "
            "created_on, expires_on) VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    db.close()
    with open(out, "w") as f:
        f.write("\n".join(tokens) + "\n")
    # Markers go beside the tokens so that `verify` can find each response.
    with open(out + ".markers", "w") as f:
        f.write("\n".join(marker(i) for i in range(start, start + int(count))) + "\n")


async def crash(port, tokens_file, seconds, conns, acked_file):
    tokens = [t for t in open(tokens_file).read().split() if t]
    queue = list(reversed(tokens))
    acked, sent = [], 0
    deadline = time.monotonic() + float(seconds)

    async def worker():
        nonlocal sent
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", int(port))
        except OSError:
            return
        while queue and time.monotonic() < deadline:
            token = queue.pop()
            body = f"token={token}&action=submit".encode()
            head = (
                "POST /survey/page HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                "Content-Type: application/x-www-form-urlencoded\r\n"
                f"Content-Length: {len(body)}\r\n\r\n"
            ).encode()
            try:
                writer.write(head + body)
                await writer.drain()
                sent += 1
                status_line = await reader.readuntil(b"\r\n")
                length = 0
                while True:
                    line = await reader.readuntil(b"\r\n")
                    if line == b"\r\n":
                        break
                    name, _, value = line.decode("latin-1").partition(":")
                    if name.strip().lower() == "content-length":
                        length = int(value.strip())
                page = await reader.readexactly(length)
            except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
                return
            if b" 200 " in status_line and THANKS in page:
                acked.append(token)

    await asyncio.gather(*(worker() for _ in range(int(conns))))
    with open(acked_file, "w") as f:
        f.write("\n".join(acked) + ("\n" if acked else ""))
    print(f"SENT {sent}")
    print(f"ACKED {len(acked)}")


def verify(db_path, tokens_file, acked_file=None):
    all_tokens = [t for t in open(tokens_file).read().split() if t]
    markers = open(tokens_file + ".markers").read().split()
    by_token = dict(zip(all_tokens, markers))
    acked = [t for t in open(acked_file).read().split() if t] if acked_file else []
    db = sqlite3.connect(db_path, timeout=30)
    stored_markers = {
        v for (v,) in db.execute("SELECT value FROM survey_answers WHERE value LIKE 'benchmark%'")
    }
    lost = [t for t in acked if by_token[t] not in stored_markers]
    # A stored response must also have lost its draft (same transaction).
    drafts_left = [
        t for t in acked
        if db.execute("SELECT 1 FROM survey_drafts WHERE token_hash = ?", (token_hash(t),)).fetchone()
    ]
    stored_of_set = sum(1 for t in all_tokens if by_token[t] in stored_markers)
    print(f"STORED_OF_SET {stored_of_set}")
    print(f"ACKED_LOST {len(lost)}")
    print(f"ACKED_DRAFT_LEFT {len(drafts_left)}")


def discard(db_path, tokens_file):
    """Deletes the drafts of a set that a run did not submit: prepared in
    excess so that no run runs out, they would otherwise pile up run after
    run (the server deletes unsaved drafts the day after they were made)."""
    tokens = [t for t in open(tokens_file).read().split() if t]
    db = sqlite3.connect(db_path, timeout=30)
    with db:
        n = db.executemany(
            "DELETE FROM survey_drafts WHERE token_hash = ?",
            ((token_hash(t),) for t in tokens),
        ).rowcount
    db.close()
    print(f"DISCARDED {n}")


def clone_responses(db_path, count):
    """Stores `count` copies of the newest response (each with its own id,
    its answers and a series code hash of its own), in one transaction."""
    db = sqlite3.connect(db_path, timeout=30)
    cols = [r[1] for r in db.execute("PRAGMA table_info(survey_responses)") if r[1] != "id"]
    (last,) = db.execute("SELECT MAX(id) FROM survey_responses").fetchone()
    if last is None:
        sys.exit("no response to copy")
    row = db.execute(f"SELECT {', '.join(cols)} FROM survey_responses WHERE id = ?", (last,)).fetchone()
    answers = db.execute(
        "SELECT question_id, item, value FROM survey_answers WHERE response_id = ?", (last,)
    ).fetchall()
    series = cols.index("series_code_hash")
    with db:
        for i in range(1, int(count) + 1):
            values = list(row)
            values[series] = hashlib.sha256(f"clone-{last}-{i}".encode()).hexdigest()
            db.execute(
                f"INSERT INTO survey_responses (id, {', '.join(cols)}) "
                f"VALUES (?{', ?' * len(cols)})",
                [last + i, *values],
            )
            db.executemany(
                "INSERT INTO survey_answers (response_id, question_id, item, value) VALUES (?, ?, ?, ?)",
                [(last + i, *a) for a in answers],
            )
    db.close()


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "raw":
        raw(*args)
    elif cmd == "prepare":
        prepare(*args)
    elif cmd == "crash":
        asyncio.run(crash(*args))
    elif cmd == "verify":
        verify(*args)
    elif cmd == "discard":
        discard(*args)
    elif cmd == "clone-responses":
        clone_responses(*args)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
