#!/usr/bin/python3
"""Baseline for the benchmark: the same dump read with Python's email package.

Usage: python_baseline.py [--limit M] DUMP.mbox
Splits the mbox on "\\nFrom " lines (undoing mboxrd's ">From " escaping), parses each message
with BytesParser(policy=default), reads Subject/From/Message-ID/In-Reply-To, walks every part
and decodes every text/* part with get_content() (charset and transfer encoding; a part that
fails to decode is counted, not fatal). Prints one JSON line:
{"tool":"python-email","messages":N,"seconds":S,"bytes":B,"text_parts":T,"part_errors":E}
The file is read in chunks, so memory does not grow with the dump's size.
"""

import argparse
import json
import re
import sys
import time
from email import policy
from email.parser import BytesParser

CHUNK = 8 * 1024 * 1024
UNESCAPE = re.compile(rb"^>(>*From )", re.M)


def messages(path, limit):
    """Yields each message's bytes, without its From_ line, in file order."""
    count = 0
    with open(path, "rb") as f:
        buf = f.read(CHUNK)
        while buf:
            start = 0 if buf.startswith(b"From ") else buf.find(b"\nFrom ") + 1
            while True:
                nxt = buf.find(b"\nFrom ", start + 1)
                if nxt < 0:
                    break
                yield _strip(buf[start:nxt + 1])
                count += 1
                if limit and count >= limit:
                    return
                start = nxt + 1
            more = f.read(CHUNK)
            if not more:
                if start < len(buf):
                    yield _strip(buf[start:])
                return
            buf = buf[start:] + more


def _strip(raw):
    body = raw[raw.find(b"\n") + 1:]
    if body.endswith(b"\n\n"):
        body = body[:-1]
    if b">From " in body:
        body = UNESCAPE.sub(rb"\1", body)
    return body


def main():
    ap = argparse.ArgumentParser(description="Parse an mbox with Python's email package.")
    ap.add_argument("--limit", type=int, default=0, help="stop after the first M messages")
    ap.add_argument("mbox")
    a = ap.parse_args()
    parser = BytesParser(policy=policy.default)
    n = nbytes = text_parts = errors = 0
    t0 = time.perf_counter()
    for raw in messages(a.mbox, a.limit):
        n += 1
        nbytes += len(raw)
        msg = parser.parsebytes(raw)
        for name in ("Subject", "From", "Message-ID", "In-Reply-To"):
            try:
                str(msg.get(name, ""))
            except Exception:  # a malformed header is the parser's problem to report
                errors += 1
        for part in msg.walk():
            if part.get_content_maintype() != "text":
                continue
            text_parts += 1
            try:
                part.get_content()
            except Exception:
                errors += 1
    seconds = time.perf_counter() - t0
    print(json.dumps({"tool": "python-email", "messages": n, "seconds": round(seconds, 3),
                      "bytes": nbytes, "text_parts": text_parts, "part_errors": errors}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
