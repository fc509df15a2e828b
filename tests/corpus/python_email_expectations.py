#!/usr/bin/python3
"""What Python's `email` package decodes from each msg_*.txt of its own test suite.

Usage: /usr/bin/python3 python_email_expectations.py DATA_DIR

Run with Debian's /usr/bin/python3 (the corpus ships in libpython3.11-testsuite at
/usr/lib/python3.11/test/test_email/data/). Prints one JSON object:

  {"python": "3.11.2",
   "messages": [
     {"file": "msg_01.txt",
      "subject": str | null,        # decoded, whitespace runs collapsed to one space, stripped
      "from": str | null,           # lowercased addr-spec of the first mailbox; null: no field
      "message_id": str | null,     # the field value, whitespace removed; null: no field
      "text_parts": [{"content_type": "text/plain", "text": str}, ...] | null,
      "skipped": {field: reason},   # fields Python could not decode cleanly (see below)
      "defects": [str]},            # every defect class Python recorded, for the reader
     ...]}

The messages are parsed with email.message_from_binary_file(f, policy=email.policy.default): the
header registry of that policy decodes RFC 2047 words and parses addresses, and the MIME tree
is the same one compat32 builds.

Skips ("Python raises or records a defect"): a field is reported as null and listed in
"skipped" with the reason when
  - reading it raises (the whole message is skipped when parsing raises: "skipped": {"*": ...});
  - its header value carries defects (InvalidHeaderDefect and friends): Python's own parse of
    the value is then a guess, so it is no reference to hold appeald to;
  - for "text_parts": any MIME entity carries a defect (missing boundaries, missing header/body
    separator, ...): Python's part tree is then its own recovery heuristic, not a decoding.

Normalisations that mirror appeald's documented rules (each is a deliberate choice in appeald's
contract, so Python's different default is not the reference):
  1. Which leaves count (parsers/body_text.hpp, extract_body): text/plain and text/html leaves,
     not inside any message/* entity (Python parses every message/* as a container, e.g.
     message/delivery-status blocks become text/plain sub-messages; appeald keeps those opaque),
     and not attachments. A leaf is an attachment when its disposition is "attachment", or it has
     a file name (Content-Disposition filename, else Content-Type name: Python's get_filename())
     and its disposition is not "inline". Multipart containers themselves are skipped.
  2. Charset labels (parsers/charset.hpp, canonical_charset): the WHATWG-style mislabel mapping:
     us-ascii/ascii/ansi_x3.4-1968/iso-8859-1/latin1 -> windows-1252, iso-8859-9 -> windows-1254,
     iso-8859-11/tis-620 -> windows-874, gb2312/gbk -> gb18030, ks_c_5601-1987/euc-kr -> cp949,
     shift_jis/sjis -> cp932, iso-2022-jp -> iso2022_jp_2, big5 -> big5hkscs. (In this corpus
     the only 8-bit text is one iso-8859-1 byte, =A1 in msg_10.txt, the same in both.)
  3. Windows-1252 (charset.cpp, windows_1252_to_utf8): the five bytes Python's cp1252 codec
     leaves undefined (0x81 0x8D 0x8F 0x90 0x9D) decode to the C1 controls, as in browsers.
  4. No charset parameter (charset.hpp, to_utf8): UTF-8 when the bytes are valid UTF-8, else
     windows-1252; for text/html, a <meta> charset in the first KiB is used first
     (body_text.hpp, decode_text_leaf). A charset Python does not know is treated the same way.
  5. Invalid bytes in a labelled charset: errors="replace" (U+FFFD), like appeald.
  6. Sender stands in for a missing From (parsers/message_parser.cpp, read_envelope).
Line ends and trailing whitespace are left as Python decodes them; the C++ test normalises both
sides the same way.
"""

import codecs
import email
import email.policy
import json
import pathlib
import re
import sys

# Normalisation 2: Python codec (after codecs.lookup, so every spelling of a label is covered)
# -> the codec appeald's canonical_charset picks for it.
CODEC_MISLABELS = {
    "ascii": "cp1252",
    "iso8859-1": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "euc_kr": "cp949",
    "shift_jis": "cp932",
    "iso2022_jp": "iso2022_jp_2",
    "big5": "big5hkscs",
}
# Labels Python's codec registry does not know but appeald maps.
LABEL_ALIASES = {"x-sjis": "cp932", "shift-jis": "cp932", "x-gbk": "gb18030"}

# Normalisation 3: 0x81 0x8D 0x8F 0x90 0x9D -> U+0081 ... (WHATWG windows-1252).
C1_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}


def _cp1252_c1(err):
    if isinstance(err, UnicodeDecodeError) and err.object[err.start] in C1_UNDEFINED:
        return chr(err.object[err.start]), err.start + 1
    return "\ufffd", err.start + 1


codecs.register_error("appeald-cp1252", _cp1252_c1)


def decode_windows_1252(data):
    return data.decode("windows-1252", errors="appeald-cp1252")


def decode_unlabelled(data):
    """Normalisation 4: valid UTF-8 stays UTF-8, anything else is windows-1252."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return decode_windows_1252(data)


def html_meta_charset(data):
    head = data[:1024].decode("latin-1").lower()
    at = head.find("charset=")
    if at < 0:
        return ""
    m = re.match(r"[\"' ]*([a-z0-9_:-]*)", head[at + len("charset="):])
    return m.group(1)


def decode_bytes(data, label):
    label = (label or "").strip().strip("\"'").lower()
    if not label:
        return decode_unlabelled(data)
    try:
        codec = codecs.lookup(LABEL_ALIASES.get(label, label)).name
    except LookupError:
        return decode_unlabelled(data)  # appeald: "charset-unknown", same fallback
    codec = CODEC_MISLABELS.get(codec, codec)
    if codec == "cp1252":
        return decode_windows_1252(data)
    return data.decode(codec, errors="replace")


def collapse(text):
    return " ".join(text.split())


def header_defects(header):
    return [type(d).__name__ for d in getattr(header, "defects", ())]


def read_subject(msg, out):
    header = msg["subject"]
    if header is None:
        return None
    if header_defects(header):
        out["skipped"]["subject"] = "python: " + ", ".join(header_defects(header))
        return None
    return collapse(str(header))


def read_from(msg, out):
    header = msg["from"]
    if header is None:
        header = msg["sender"]  # normalisation 6
    if header is None:
        return None
    if header_defects(header):
        out["skipped"]["from"] = "python: " + ", ".join(header_defects(header))
        return None
    addresses = header.addresses
    return addresses[0].addr_spec.lower() if addresses else ""


def read_message_id(msg, out):
    header = msg["message-id"]
    if header is None:
        return None
    if header_defects(header):
        out["skipped"]["message_id"] = "python: " + ", ".join(header_defects(header))
        return None
    return "".join(str(header).split())


def is_attachment(part):
    """Normalisation 1, the attachment half (body_text.cpp, is_attachment)."""
    disposition = part.get_content_disposition()
    if disposition == "attachment":
        return True
    return bool(part.get_filename()) and disposition != "inline"


def text_leaves(part, inside_message=False):
    """Normalisation 1: inline text/plain and text/html leaves outside message/* entities."""
    if part.get_content_maintype() == "message":
        inside_message = True
    if part.is_multipart():
        for child in part.get_payload():
            yield from text_leaves(child, inside_message)
        return
    if inside_message or part.get_content_type() not in ("text/plain", "text/html"):
        return
    if is_attachment(part):
        return
    yield part


def decode_leaf(part):
    data = part.get_payload(decode=True) or b""
    label = part.get_content_charset()  # RFC 2231 charset*= already joined and decoded
    if not label and part.get_content_type() == "text/html":
        label = html_meta_charset(data)  # normalisation 4, the HTML half
    return decode_bytes(data, label)


def entity_defects(msg):
    found = []
    for part in msg.walk():
        found += [type(d).__name__ for d in part.defects]
    return found


def expectations(path):
    out = {"file": path.name, "subject": None, "from": None, "message_id": None,
           "text_parts": None, "skipped": {}, "defects": []}
    try:
        with path.open("rb") as f:
            msg = email.message_from_binary_file(f, policy=email.policy.default)
    except Exception as e:  # noqa: BLE001 - any failure is a skip, never a crash
        out["skipped"]["*"] = f"python raised {type(e).__name__}: {e}"
        return out
    for name, reader in (("subject", read_subject), ("from", read_from),
                         ("message_id", read_message_id)):
        try:
            out[name] = reader(msg, out)
        except Exception as e:  # noqa: BLE001
            out[name] = None
            out["skipped"][name] = f"python raised {type(e).__name__}: {e}"
    defects = entity_defects(msg)
    out["defects"] = defects
    if defects:
        out["skipped"]["text_parts"] = "python: " + ", ".join(sorted(set(defects)))
        return out
    try:
        out["text_parts"] = [{"content_type": p.get_content_type(), "text": decode_leaf(p)}
                             for p in text_leaves(msg)]
    except Exception as e:  # noqa: BLE001
        out["text_parts"] = None
        out["skipped"]["text_parts"] = f"python raised {type(e).__name__}: {e}"
    return out


def main(argv):
    if len(argv) != 2:
        print(f"usage: {argv[0]} DATA_DIR", file=sys.stderr)
        return 2
    files = sorted(pathlib.Path(argv[1]).glob("msg_*.txt"))
    result = {"python": sys.version.split()[0], "messages": [expectations(p) for p in files]}
    json.dump(result, sys.stdout, ensure_ascii=True, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
