#!/usr/bin/python3
"""A private SMTP sink for appeald's integration tests (run with /usr/bin/python3: Debian's aiosmtpd).

    smtp_sink.py PORT DIR

Listens on 127.0.0.1:PORT (never any other address) until SIGTERM or SIGINT. Each accepted
message becomes two files in DIR, numbered in arrival order and written atomically (temp file +
rename) before the 250 reply goes out:
    NNNNNN.eml   the DATA bytes exactly as received (after SMTP dot-unstuffing)
    NNNNNN.json  {"mail_from", "rcpt_tos", "helo", "peer_port"}: mail_from "" is the null
                 reverse-path; peer_port is the client's TCP port, the same for messages sent
                 on one connection. The .json is written last, so a reader that lists *.json
                 only ever sees complete pairs.
Numbering continues after the highest number already in DIR, so a restarted sink keeps the order.

The behaviour is read per command from DIR/mode (missing or unknown = accept):
    accept         250 everywhere
    tempfail       451 at the end of DATA
    permfail       550 for every RCPT
    permfail_data  554 at the end of DATA
    tempfail_rcpt  450 for every RCPT
Once it accepts connections it writes its pid to DIR/ready. Prints nothing on stdout; errors go
to stderr.
"""
import json
import os
import re
import signal
import sys
import threading

from aiosmtpd.controller import Controller

NAME_RE = re.compile(r"^(\d{6})\.json$")


def read_mode(directory):
    try:
        with open(os.path.join(directory, "mode"), encoding="ascii") as f:
            return f.read().strip()
    except OSError:
        return "accept"


def write_atomically(path, data):
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.rename(tmp, path)


class SinkHandler:
    def __init__(self, directory):
        self.directory = directory
        self.lock = threading.Lock()
        numbers = [int(m.group(1)) for m in map(NAME_RE.match, os.listdir(directory)) if m]
        self.next_number = max(numbers, default=0) + 1

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        mode = read_mode(self.directory)
        if mode == "permfail":
            return "550 5.1.1 Mailbox unavailable (sink permfail)"
        if mode == "tempfail_rcpt":
            return "450 4.2.1 Mailbox busy (sink tempfail_rcpt)"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        mode = read_mode(self.directory)
        if mode == "tempfail":
            return "451 4.3.0 Try again later (sink tempfail)"
        if mode == "permfail_data":
            return "554 5.6.0 Message rejected (sink permfail_data)"
        with self.lock:
            number = self.next_number
            self.next_number += 1
        stem = os.path.join(self.directory, "%06d" % number)
        content = envelope.original_content
        if content is None:
            content = envelope.content
        write_atomically(stem + ".eml", bytes(content))
        # aiosmtpd spells the null reverse-path (MAIL FROM:<>) as "<>"; record it as "".
        mail_from = "" if envelope.mail_from == "<>" else envelope.mail_from
        meta = {
            "mail_from": mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "helo": session.host_name or "",
            "peer_port": session.peer[1] if session.peer else 0,
        }
        write_atomically(stem + ".json", json.dumps(meta).encode("utf-8"))
        return "250 OK stored %06d" % number


def main():
    if len(sys.argv) != 3:
        print("usage: smtp_sink.py PORT DIR", file=sys.stderr)
        return 2
    port = int(sys.argv[1])
    directory = sys.argv[2]
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    controller = Controller(
        SinkHandler(directory),
        hostname="127.0.0.1",
        port=port,
        decode_data=False,
        enable_SMTPUTF8=True,
    )
    controller.start()
    # Tell the fixture this process (not some other holder of the port) is serving.
    write_atomically(os.path.join(directory, "ready"), str(os.getpid()).encode("ascii"))
    try:
        while not stop.wait(1.0):
            pass
    finally:
        controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
