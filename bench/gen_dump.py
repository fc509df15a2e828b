#!/usr/bin/python3
"""Generate a large, realistic, reproducible appeal-desk mailbox for the benchmark.

Usage: gen_dump.py --seed S --messages N --profile text|mixed --out DIR
Writes DIR/dump.mbox (mboxrd) and DIR/cases.jsonl (the contract's cases file). The same seed
and arguments give byte-identical files: every choice comes from one random.Random(seed), and
nothing depends on the clock or on hash order.
"""

import argparse
import base64
import datetime as dt
import os
import random
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import gen_mime as mime  # noqa: E402
import gen_prose as prose  # noqa: E402
from gen_people import DESK, case_json, make_cases, stranger  # noqa: E402

MESSAGES_PER_CASE = 8
FROM_LINE = re.compile(rb"^(>*From )", re.M)

# Plan kinds and their weights.
KINDS = [("reply", 40), ("refs", 8), ("tag", 6), ("sender", 9), ("follow_up", 7), ("rep", 3),
         ("stranger", 8), ("auto", 9), ("bounce", 6), ("bulk", 2)]
MODES = [("complete", 35), ("partial", 30), ("planned", 15), ("vague", 12), ("no_changes", 5)]
MIXED_SHAPES = [("plain", 45), ("alternative", 25), ("html", 10), ("attach", 20)]


def weighted(rng, table):
    total = sum(w for _, w in table)
    r = rng.random() * total
    for value, w in table:
        r -= w
        if r < 0:
            return value
    return table[-1][0]


def all_elements(issue):
    return ["cause", "changes", "prevention"] + prose.ISSUE_ELEMENTS[issue]


def plan_messages(rng, cases, n):
    """Small per-message plans, sorted by date so the mbox reads like an arrival order."""
    plans, appeals = [], []
    for k in range(n):
        kind = weighted(rng, KINDS)
        case = rng.randrange(len(cases))
        c = cases[case]
        p = {"kind": kind, "case": case, "seq": k}
        if kind == "follow_up" and appeals:
            parent = plans[rng.choice(appeals[-400:])]
            c = cases[parent["case"]]
            p.update(case=parent["case"], parent=parent["mid"], mode="complete",
                     date=parent["date"] + dt.timedelta(hours=rng.uniform(2, 120)))
            missing = [e for e in all_elements(c["issue"]) if e not in parent["elements"]]
            if parent["mode"] in ("planned", "no_changes"):
                missing = ["changes", "prevention"] + missing
            p["elements"] = missing or ["changes"]
        else:
            if kind == "follow_up":
                p["kind"] = kind = "reply"
            hours = rng.uniform(0.02, 2) if kind in ("auto", "bounce") else rng.uniform(1, 360)
            p["date"] = c["sent_dt"] + dt.timedelta(hours=hours)
            if kind == "stranger":
                p["date"] = cases[0]["sent_dt"] + dt.timedelta(days=rng.uniform(0, 330))
            mode = weighted(rng, MODES)
            elements = all_elements(c["issue"])
            if mode == "partial":
                for _ in range(rng.randint(1, 2)):
                    if len(elements) > 1:
                        dropped = rng.choice(elements)
                        elements = [e for e in elements if e != dropped]
            elif mode == "planned":
                elements = [e for e in elements if e in ("cause", "changes") or rng.random() < 0.4]
            elif mode == "no_changes":
                elements = ["cause", "changes"]
            p.update(mode=mode, elements=elements)
            if kind in ("reply", "refs", "tag", "sender", "rep") and mode != "complete":
                appeals.append(k)
        p["mid"] = message_id(rng, cases[p["case"]]["domain"])
        plans.append(p)
    plans.sort(key=lambda p: (p["date"], p["seq"]))
    return plans


def message_id(rng, domain):
    h = f"{rng.getrandbits(128):032x}"
    style = rng.random()
    if style < 0.3:
        return f"<CA+{h[:20]}{h[20:].upper()}@mail.gmail.example>"
    if style < 0.55:
        box = f"DB{rng.randint(3, 9)}PR0{rng.randint(1, 9)}MB{rng.randint(1000, 9999)}"
        return f"<{box}{h[:16].upper()}@{box}.eurprd0{rng.randint(1, 9)}.prod.outlook.example>"
    return f"<{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}@{domain}>"


def rfc5322_date(rng, when):
    offset = rng.choice([0, 0, 1, 1, 2, -5, -4, 9, 5.5, 3, -8])
    local = when.astimezone(dt.timezone(dt.timedelta(hours=offset)))
    days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][local.weekday()]
    months = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
    sign = "+" if offset >= 0 else "-"
    off = abs(int(offset * 60))
    return (f"{days}, {local.day} {months[local.month - 1]} {local.year} "
            f"{local:%H:%M:%S} {sign}{off // 60:02d}{off % 60:02d}")


def from_line(sender, when):
    days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][when.weekday()]
    months = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
    return (f"From {sender} {days} {months[when.month - 1]} {when.day:2d} "
            f"{when:%H:%M:%S} {when.year}\n").encode()


def auth_results(rng, domain, dmarc="pass"):
    dkim = "pass" if dmarc == "pass" else rng.choice(["fail", "none"])
    spf = "pass" if dmarc == "pass" else rng.choice(["fail", "softfail"])
    return (f"Authentication-Results: {DESK['authserv']};\n\tdkim={dkim} header.d={domain} "
            f"header.s=s{rng.randint(1, 3)};\n\tspf={spf} smtp.mailfrom={domain};\n\t"
            f"dmarc={dmarc} (p={rng.choice(['NONE', 'QUARANTINE', 'REJECT'])}) header.from={domain}")


def transport_headers(rng, envelope, domain, date, dmarc="pass"):
    ip = f"{rng.choice(['192.0.2', '198.51.100', '203.0.113'])}.{rng.randint(1, 254)}"
    h = [f"Return-Path: <{envelope}>",
         f"Received: from mail.{domain} (mail.{domain} [{ip}])\n\tby {DESK['authserv']} (Postfix) "
         f"with ESMTPS id {rng.getrandbits(40):010X}\n\tfor <{DESK['address']}>; {date}",
         auth_results(rng, domain, dmarc)]
    if rng.random() < 0.7:
        h.insert(2, f"Received: from [10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}]"
                    f" (client.{domain} [{ip}])\n\tby mail.{domain} with ESMTPSA id "
                    f"{rng.getrandbits(48):012x}\n\tfor <{DESK['address']}>; {date}")
    if rng.random() < 0.6:
        sig = base64.b64encode(rng.randbytes(128)).decode()
        h.append(f"DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d={domain}; s=s1;\n\t"
                 f"h=from:to:subject:date:message-id;\n\tbh={sig[:44]};\n\tb={sig[44:]}")
    return h


def body_for(rng, profile, blocks, charset, blobs, notice_msg=None):
    """The MIME body (Content-Type headers + payload) for composed blocks."""
    text = prose.render_plain(blocks)
    if profile == "text":
        if rng.random() < 0.85:
            return mime.text_part(rng, text, charset)
        second = prose.render_plain([("p", rng.choice(prose.DISCLAIMERS))])
        extra = ['Content-Disposition: inline; filename="notes.txt"'] if rng.random() < 0.5 else []
        return mime.multipart(rng, "mixed", [mime.text_part(rng, text, charset),
                                             mime.text_part(rng, second, "us-ascii", extra=extra)])
    shape = weighted(rng, MIXED_SHAPES)
    if shape == "plain":
        return mime.text_part(rng, text, charset)
    hcs = charset if charset != "us-ascii" else "utf-8"
    html_part = mime.text_part(rng, mime.render_html(rng, blocks, hcs), hcs, "html")
    if shape == "html":
        return html_part
    alt = mime.multipart(rng, "alternative", [mime.text_part(rng, text, charset), html_part])
    if shape == "alternative":
        return alt
    first = alt if rng.random() < 0.6 else mime.text_part(rng, text, charset)
    parts = [first]
    for _ in range(weighted(rng, [(1, 70), (2, 22), (3, 8)])):
        parts.append(mime.attachment(rng, blobs, mime.attachment_size(rng)))
    if notice_msg is not None and rng.random() < 0.15:
        parts.append(mime.leaf("message/rfc822", None, notice_msg,
                               ['Content-Disposition: attachment; filename="notice.eml"']))
    return mime.multipart(rng, "mixed", parts)


def notice_message(case):
    text = "\n".join(prose.notice_lines(case)) + "\n"
    return (f"From: Enforcement Team <{DESK['address']}>\nTo: {case['address']}\n"
            f"Subject: {case['subject']}\nDate: {case['notice_date']}\n"
            f"Message-ID: {case['notice_message_id']}\nMIME-Version: 1.0\n"
            f"Content-Type: text/plain; charset=us-ascii\n\n{text}").encode()


def reply_subject(rng, case, lang, charset):
    prefix = {"de": "AW: ", "fr": "RE : "}.get(lang, rng.choice(["Re: ", "RE: ", "Re: "]))
    subject = prefix + case["subject"]
    suffix = {"de": " \u2013 Einspruch", "fr": " \u2013 réponse", "ru": " (ответ)",
              "ja": " 【回答】"}.get(lang)
    if suffix and rng.random() < 0.5:
        return mime.encode_words(rng, subject + suffix, charset)
    return subject


def render_appeal(rng, p, c, profile, blobs):
    """A customer's reply (or a first message matched by tag or sender)."""
    kind = p["kind"]
    who = c
    if kind == "rep" and c["representative"]:
        local, domain = c["representative"].split("@")
        who = {"lang": "en", "name": "Partner Support", "address": c["representative"],
               "domain": domain, "company": "Reseller", "website": f"https://{domain}/"}
    lang = who["lang"]
    charset = mime.pick_charset(rng, lang)
    ctx = {"case": c, "elements": p["elements"], "mode": p["mode"], "lang": lang,
           "name": who["name"], "company": who["company"], "website": who["website"],
           "notice_when": c["notice_when"], "notice_subject": c["subject"],
           "notice_lines": prose.notice_lines(c),
           "smart_quotes": charset in mime.SMART_QUOTE_CHARSETS and rng.random() < 0.3}
    if kind in ("tag", "sender"):
        ctx["notice_lines"] = []  # a fresh message quotes nothing
    blocks = prose.compose_reply(rng, ctx)
    date = rfc5322_date(rng, p["date"])
    dmarc = "fail" if kind == "sender" and rng.random() < 0.15 else "pass"
    h = transport_headers(rng, who["address"], who["domain"], date, dmarc)
    h.append(f"From: {_display(rng, who['name'], charset)} <{who['address']}>")
    h.append(f"To: Enforcement Desk <{DESK['address']}>")
    if c["representative"] and kind != "rep" and rng.random() < 0.5:
        h.append(f"Cc: {c['representative']}")
    if kind == "tag":
        h.append(f"Subject: {rng.choice(['Appeal', 'Our appeal', 'Information you asked for'])} "
                 f"[{c['case']}]")
    elif kind == "sender":
        h.append(f"Subject: {rng.choice(['Appeal for account', 'Our sending account', 'Account'])}"
                 f" {c['account']}")
    else:
        h.append(f"Subject: {reply_subject(rng, c, lang, charset)}")
    h += [f"Date: {date}", f"Message-ID: {p['mid']}"]
    if kind in ("reply", "rep"):
        h += [f"In-Reply-To: {c['notice_message_id']}", f"References: {c['notice_message_id']}"]
    elif kind == "refs":
        other = message_id(rng, who["domain"])
        h += [f"In-Reply-To: {other}", f"References: {c['notice_message_id']}\n {other}"]
    elif kind == "follow_up":
        h += [f"In-Reply-To: {p['parent']}", f"References: {c['notice_message_id']} {p['parent']}"]
    h.append(rng.choice(["User-Agent: Mozilla Thunderbird", "X-Mailer: Microsoft Outlook 16.0",
                         "X-Mailer: iPhone Mail (21A351)", "User-Agent: Roundcube Webmail/1.6"]))
    h.append("MIME-Version: 1.0")
    body = body_for(rng, profile, blocks, charset, blobs, notice_message(c))
    return who["address"], "\n".join(h).encode() + b"\n" + body


def _display(rng, name, charset):
    if name.isascii():
        return f'"{name}"' if rng.random() < 0.5 else name
    return mime.encode_words(rng, name, charset)


def render_machine(rng, p, c, profile, blobs):
    """Auto-replies, delivery reports, bulk mail and strangers."""
    kind, date = p["kind"], rfc5322_date(rng, p["date"])
    if kind == "stranger":
        s = stranger(rng)
        h = transport_headers(rng, s["address"], s["domain"], date)
        subject = rng.choice(["Question about my account", "Account suspended??",
                              f"Re: [C-9{rng.randint(1000, 9999)}] Your sending account",
                              f"Re: {c['subject']}", "Why can I not send email?"])
        charset = mime.pick_charset(rng, s["lang"])
        h += [f"From: {_display(rng, s['name'], charset)} <{s['address']}>",
              f"To: {DESK['address']}", f"Subject: {subject}", f"Date: {date}",
              f"Message-ID: {p['mid']}", "MIME-Version: 1.0"]
        return s["address"], "\n".join(h).encode() + b"\n" + body_for(
            rng, profile, prose.compose_stranger(rng), charset, blobs)
    if kind == "auto":
        charset = mime.pick_charset(rng, c["lang"])
        h = transport_headers(rng, c["address"], c["domain"], date)
        prefix = rng.choice(["Automatic reply: ", "Out of Office: ", "Auto: ",
                             "Abwesenheitsnotiz: " if c["lang"] == "de" else "Automatic reply: "])
        h += [f"From: {_display(rng, c['name'], charset)} <{c['address']}>",
              f"To: {DESK['address']}", f"Subject: {prefix}{c['subject']}", f"Date: {date}",
              f"Message-ID: {p['mid']}", f"In-Reply-To: {c['notice_message_id']}",
              rng.choice(["Auto-Submitted: auto-replied", "X-Autoreply: yes",
                          "Auto-Submitted: auto-generated"]), "MIME-Version: 1.0"]
        return c["address"], "\n".join(h).encode() + b"\n" + body_for(
            rng, "text" if rng.random() < 0.5 else profile,
            prose.compose_auto_reply(rng, c["lang"]), charset, blobs)
    if kind == "bulk":
        h = transport_headers(rng, f"bounces@{c['domain']}", c["domain"], date)
        h += [f"From: {c['company']} <news@{c['domain']}>", f"To: {DESK['address']}",
              f"Subject: {c['company']} news for {p['date']:%B}", f"Date: {date}",
              f"Message-ID: {p['mid']}", "Precedence: bulk", f"List-Id: <news.{c['domain']}>",
              f"List-Unsubscribe: <https://{c['domain']}/u/{rng.getrandbits(32):08x}>",
              "MIME-Version: 1.0"]
        blocks = [("p", "This month: new products, opening hours and an offer for you.")] * 3
        return f"bounces@{c['domain']}", "\n".join(h).encode() + b"\n" + body_for(
            rng, profile, blocks, "utf-8", blobs)
    return render_bounce(rng, p, c, profile, date)


def render_bounce(rng, p, c, profile, date):
    target = c["representative"] or c["address"]
    mta = f"mx.{target.split('@')[1]}"
    h = ["Return-Path: <>", f"From: Mail Delivery System <MAILER-DAEMON@{mta}>",
         f"To: {DESK['address']}", "Subject: Undelivered Mail Returned to Sender",
         f"Date: {date}", f"Message-ID: {p['mid']}", "Auto-Submitted: auto-replied",
         "MIME-Version: 1.0"]
    reason = rng.choice(["550 5.1.1 user unknown", "552 5.2.2 mailbox full",
                         "550 5.7.1 message rejected as spam"])
    text = (f"This is the mail system at host {mta}.\n\nI'm sorry to have to inform you that "
            f"your message could not be delivered to one or more recipients.\n\n"
            f"<{target}>: host {mta} said: {reason}\n")
    if profile == "text":
        body = mime.leaf("text/plain; charset=us-ascii", "7bit",
                         (text + "\n--- Original message headers ---\n").encode()
                         + notice_message(c).split(b"\n\n")[0] + b"\n")
    else:
        status = (f"Reporting-MTA: dns; {mta}\nArrival-Date: {date}\n\n"
                  f"Final-Recipient: rfc822; {target}\nAction: failed\n"
                  f"Status: 5.{rng.randint(1, 7)}.1\nDiagnostic-Code: smtp; {reason}\n").encode()
        body = mime.multipart(rng, "report", [
            mime.leaf("text/plain; charset=us-ascii", "7bit", text.encode()),
            mime.leaf("message/delivery-status", None, status),
            mime.leaf("message/rfc822", None, notice_message(c))],
            "; report-type=delivery-status")
    return "MAILER-DAEMON", "\n".join(h).encode() + b"\n" + body


def generate(seed, n, profile, out_dir):
    rng = random.Random(seed)
    cases = make_cases(rng, max(4, round(n / MESSAGES_PER_CASE)))
    plans = plan_messages(rng, cases, n)
    blobs = mime.Blobs(rng) if profile == "mixed" else None
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "cases.jsonl"), "w", encoding="utf-8", newline="\n") as f:
        for c in cases:
            f.write(case_json(c) + "\n")
    with open(os.path.join(out_dir, "dump.mbox"), "wb", buffering=1 << 20) as f:
        for p in plans:
            c = cases[p["case"]]
            if p["kind"] in ("stranger", "auto", "bounce", "bulk"):
                sender, msg = render_machine(rng, p, c, profile, blobs)
            else:
                sender, msg = render_appeal(rng, p, c, profile, blobs)
            if b"From " in msg:
                msg = FROM_LINE.sub(rb">\1", msg)
            f.write(from_line(sender, p["date"]))
            f.write(msg)
            f.write(b"\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--messages", type=int, required=True)
    ap.add_argument("--profile", choices=["text", "mixed"], default="text")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    if a.messages < 1:
        ap.error("--messages must be at least 1")
    generate(a.seed, a.messages, a.profile, a.out)


if __name__ == "__main__":
    main()
