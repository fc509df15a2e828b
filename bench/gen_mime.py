"""MIME building blocks for the benchmark dump generator: charsets and transfer encodings,
RFC 2047 encoded words, HTML rendering, attachments and multipart assembly.

Contract: parts are bytes with \\n line ends; every random choice comes from the caller's
random.Random. Attachment payloads are slices of one base64 blob made once (Blobs), so large
dumps are written at disk speed.
"""

import base64
import binascii
import html

# Language -> charsets a client writing that language would pick, most common first.
LANG_CHARSETS = {
    "en": ["utf-8", "us-ascii", "iso-8859-1", "windows-1252"],
    "de": ["utf-8", "iso-8859-1", "windows-1252"],
    "fr": ["utf-8", "iso-8859-1", "windows-1252"],
    "ru": ["utf-8", "koi8-r"],
    "ja": ["utf-8", "iso-2022-jp", "shift_jis"],
}
SMART_QUOTE_CHARSETS = ("utf-8", "windows-1252")


def pick_charset(rng, lang):
    options = LANG_CHARSETS[lang]
    return options[0] if rng.random() < 0.55 else rng.choice(options)


def encode_body(rng, text, charset):
    """Returns (content-transfer-encoding, encoded bytes)."""
    raw = text.encode(charset)
    ascii_only = raw.isascii()
    r = rng.random()
    if charset == "iso-2022-jp":
        return ("7bit", raw) if r < 0.8 else ("base64", base64.encodebytes(raw))
    if ascii_only and r < 0.75:
        return "7bit", raw
    if r < 0.45:
        return "8bit", raw
    if r < 0.8:
        return "quoted-printable", binascii.b2a_qp(raw, istext=True)
    return "base64", base64.encodebytes(raw)


def encode_words(rng, text, charset="utf-8"):
    """RFC 2047 encoded words for a header value (unchanged when it is ASCII)."""
    if text.isascii():
        return text
    if charset in ("us-ascii",) or not _encodable(text, charset):
        charset = "utf-8"
    if charset in ("iso-8859-1", "windows-1252") and rng.random() < 0.7:
        return _q_words(text, charset)
    words, start = [], 0
    while start < len(text):  # whole characters, at most 45 bytes (60 base64) per word
        end = start + 1
        while end < len(text) and len(text[start:end + 1].encode(charset)) <= 45:
            end += 1
        chunk = base64.b64encode(text[start:end].encode(charset)).decode()
        words.append(f"=?{charset}?B?{chunk}?=")
        start = end
    return "\n ".join(words)


def _encodable(text, charset):
    try:
        text.encode(charset)
        return True
    except UnicodeEncodeError:
        return False


def _q_words(text, charset):
    words, cur = [], ""
    for ch in text:
        b = ch.encode(charset)
        if ch == " ":
            enc = "_"
        elif ch.isascii() and (ch.isalnum() or ch in "!*+-/"):
            enc = ch
        else:
            enc = "".join(f"={x:02X}" for x in b)
        if len(cur) + len(enc) > 45:
            words.append(cur)
            cur = ""
        cur += enc
    words.append(cur)
    return "\n ".join(f"=?{charset}?Q?{w}?=" for w in words)


def boundary(rng):
    h = f"{rng.getrandbits(64):016x}"
    return rng.choice([f"----=_Part_{rng.randint(1, 99999)}_{h}", f"_000_{h.upper()}_",
                       f"000000000000{h[:12]}", f"Apple-Mail={h}"])


def leaf(content_type, cte, payload, extra=()):
    head = [f"Content-Type: {content_type}"]
    head += list(extra)
    if cte:
        head.append(f"Content-Transfer-Encoding: {cte}")
    body = payload if payload.endswith(b"\n") else payload + b"\n"
    return ("\n".join(head) + "\n\n").encode() + body


def multipart(rng, subtype, parts, params=""):
    b = boundary(rng)
    head = f'Content-Type: multipart/{subtype}; boundary="{b}"{params}\n\n'.encode()
    out = [head]
    if rng.random() < 0.3:
        out.append(b"This is a multi-part message in MIME format.\n\n")
    for p in parts:
        out.append(f"--{b}\n".encode())
        out.append(p)
        out.append(b"\n")
    out.append(f"--{b}--\n".encode())
    return b"".join(out)


def text_part(rng, text, charset, subtype="plain", extra=()):
    cte, payload = encode_body(rng, text, charset)
    ct = f"text/{subtype}; charset=\"{charset}\"" if rng.random() < 0.5 else f"text/{subtype}; charset={charset}"
    if subtype == "plain" and rng.random() < 0.15:
        ct += "; format=flowed"
    return leaf(ct, cte, payload, extra)


_HTML_HEAD = [
    '<html><head><meta http-equiv="Content-Type" content="text/html; charset={cs}">'
    '<style>p.MsoNormal, li.MsoNormal {{margin:0cm; font-size:11.0pt; font-family:"Calibri",sans-serif;}}'
    ' .sig td {{padding:0 6px; color:#555555;}} blockquote {{border-left:1px solid #ccc;}}</style></head>'
    '<body lang="EN-GB" link="#0563C1"><div class="WordSection1">',
    '<html><head><meta charset="{cs}"></head><body><div dir="ltr"><div style="font-family:Arial,Helvetica,sans-serif">',
    '<!DOCTYPE html><html><head><title>Re</title><style type="text/css">body{{font:13px/1.4 Helvetica}} '
    'table.info{{border-collapse:collapse}}</style></head><body><div id="compose"><div class="body">',
]
_ENTITIES = {"'": "&#8217;", "\u2019": "&rsquo;", "é": "&eacute;", "ü": "&uuml;", "ö": "&ouml;",
             "ä": "&auml;", "ß": "&szlig;", "à": "&agrave;", "è": "&egrave;", "—": "&mdash;"}


def _esc(text, rng):
    out = html.escape(text, quote=False)
    if rng.random() < 0.5:
        for ch, ent in _ENTITIES.items():
            if ch in out:
                out = out.replace(ch, ent)
    return out


def render_html(rng, blocks, charset):
    """An HTML body for the same blocks, in the style of a common mail client."""
    head = rng.choice(_HTML_HEAD).format(cs=charset)
    out = [head]
    for kind, value in blocks:
        if kind == "p":
            out.append(f'<p class="MsoNormal">{_esc(value, rng)}<o:p></o:p></p>\n'
                       '<p class="MsoNormal"><o:p>&nbsp;</o:p></p>\n')
        elif kind == "quote":
            inner = "<br>\n".join(_esc(line, rng) for line in value)
            out.append('<blockquote type="cite" style="margin:0 0 0 .8ex;padding-left:1ex">'
                       f"<div><div>{inner}</div></div></blockquote>\n")
        elif kind == "sig":
            cells = "".join(f"<tr><td>{_esc(line, rng)}</td></tr>" for line in value)
            out.append('<div class="sig"><table class="info" border="0" cellspacing="0" '
                       f'cellpadding="0" style="width:420px">{cells}</table></div>\n')
        else:
            out.append("<div>" + "<br>\n".join(_esc(line, rng) for line in value) + "</div>\n")
    out.append("</div></div></body></html>\n" if "<div dir" in head or "compose" in head
               else "</div></body></html>\n")
    return "".join(out)


class Blobs:
    """Pre-encoded random bytes; slices of whole base64 lines are valid base64 streams."""

    LINE = 77  # 76 base64 characters + \n, encoding 57 bytes

    def __init__(self, rng, megabytes=3):
        raw = rng.randbytes(megabytes * 1024 * 1024 // 57 * 57)
        self.b64 = base64.encodebytes(raw)
        self.lines = len(self.b64) // self.LINE

    def slice(self, rng, nbytes):
        n = max(1, min(self.lines - 1, nbytes // 57))
        start = rng.randrange(0, self.lines - n)
        return self.b64[start * self.LINE:(start + n) * self.LINE]


_KINDS = [
    ("application/pdf", b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n", ["report", "evidence", "list-cleanup",
                                                           "Pr\u00fcfbericht", "invoice"], "pdf"),
    ("image/png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ["screenshot", "image001", "dashboard",
                                                          "suppression-settings"], "png"),
    ("application/zip", b"PK\x03\x04\x14\x00\x00\x00\x08\x00", ["logs", "export", "headers"], "zip"),
    ("image/jpeg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", ["photo", "IMG_2041"], "jpg"),
]


def attachment(rng, blobs, nbytes):
    ctype, magic, names, ext = rng.choice(_KINDS)
    name = f"{rng.choice(names)}.{ext}"
    first = base64.encodebytes(magic + rng.randbytes(57 - len(magic)))
    payload = first + blobs.slice(rng, nbytes)
    if name.isascii():
        disp = f'Content-Disposition: attachment; filename="{name}"'
        ct = f'{ctype}; name="{name}"'
    else:
        quoted = "".join(ch if ch.isascii() and ch.isalnum() or ch in ".-" else
                         "".join(f"%{b:02X}" for b in ch.encode()) for ch in name)
        disp = f"Content-Disposition: attachment; filename*=utf-8''{quoted}"
        ct = f'{ctype}; name="{encode_words(rng, name)}"'
    extra = [disp]
    if ctype.startswith("image/") and rng.random() < 0.5:
        extra.append(f"Content-ID: <{name}@{rng.getrandbits(32):08x}>")
    return leaf(ct, "base64", payload, extra)


def attachment_size(rng):
    """Raw bytes of one attachment: mostly tens of KB, a few up to ~1.5 MB."""
    r = rng.random()
    if r < 0.62:
        return rng.randint(3_000, 30_000)
    if r < 0.94:
        return rng.randint(30_000, 100_000)
    if r < 0.995:
        return rng.randint(100_000, 400_000)
    return rng.randint(500_000, 1_500_000)
