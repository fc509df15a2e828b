#pragma once
// The big hostile messages of tests/data/hostile/README.md, generated at run time (deterministic:
// the same bytes every run) instead of committed: megabyte headers, 100-level nesting, 5,000
// parts, encodings inside encodings. Shared by test_hostile_corpus and test_hostile_dry_run.
#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace appeald::test::hostile {

// The words every fixture carries, so that a message that is read at all has something to assess
// (the cause of a bounce case): a fixture whose limit is not enforced would be answered.
inline constexpr std::string_view appeal_text =
    "We imported an old purchased list in October without re-confirming it, which is why so "
    "many messages bounced.\n";

struct Generated {
  std::string name;  // file name when written out, e.g. "gen-mime-depth-100.eml"
  std::string bytes; // the message
};

// Top-level headers of a reply in case C-1001 (see hostile_rows.hpp), without the blank line.
inline std::string reply_headers(std::string_view id, std::string_view extra = {}) {
  return "From: Ops Team <ops@example.com>\r\n"
         "To: Enforcement <enforcement@example.net>\r\n"
         "Subject: Re: [C-1001] our account\r\n"
         "Date: Tue, 10 Nov 2026 09:00:00 +0000\r\n"
         "Message-ID: <" +
         std::string(id) +
         "@example.com>\r\n"
         "In-Reply-To: <n-1001@enforcement.example>\r\n"
         "MIME-Version: 1.0\r\n" +
         std::string(extra);
}

inline std::string base64(std::string_view bytes) {
  static constexpr char alphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t line = 0;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
    if (n > 1) {
      v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    }
    if (n > 2) {
      v |= static_cast<unsigned char>(bytes[i + 2]);
    }
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    out += n > 1 ? alphabet[(v >> 6) & 63] : '=';
    out += n > 2 ? alphabet[v & 63] : '=';
    if (++line == 19) { // 76 characters a line (RFC 2045 6.8)
      out += "\r\n";
      line = 0;
    }
  }
  return out + "\r\n";
}

inline std::string text_part(std::string_view text) {
  return "Content-Type: text/plain; charset=utf-8\r\n\r\n" + std::string(text);
}

// `levels` multiparts inside each other, the appeal at the bottom.
inline std::string nested_multipart(std::size_t levels) {
  std::string head, tail;
  for (std::size_t i = 0; i < levels; ++i) {
    const std::string b = "b" + std::to_string(i);
    head += "Content-Type: multipart/mixed; boundary=\"" + b + "\"\r\n\r\n--" + b + "\r\n";
    tail = "\r\n--" + b + "--\r\n" + tail;
  }
  return head + text_part(appeal_text) + tail;
}

// `levels` message/rfc822 parts inside each other, the appeal at the bottom.
inline std::string nested_rfc822(std::size_t levels) {
  std::string out;
  for (std::size_t i = 0; i < levels; ++i) {
    out += "Content-Type: message/rfc822\r\n\r\nFrom: level" + std::to_string(i) +
           "@example.com\r\nSubject: forwarded " + std::to_string(i) + "\r\n";
  }
  return out + text_part(appeal_text);
}

// A message/rfc822 sent base64-encoded (RFC 2046 forbids it), holding another such part, and so
// on `levels` deep, as the body of the top-level entity: a decoder that unpacked them would work
// hard for nothing.
inline std::string base64_rfc822_chain(std::size_t levels) {
  auto wrap = [](std::string_view inner) {
    return "Content-Type: multipart/mixed; boundary=\"c\"\r\n\r\n--c\r\n" +
           text_part("See the attached message.\r\n") +
           "\r\n--c\r\nContent-Type: message/rfc822\r\nContent-Transfer-Encoding: "
           "base64\r\n\r\n" +
           base64(inner) + "--c--\r\n";
  };
  std::string inner = "From: x@example.com\r\nSubject: innermost\r\n" + text_part(appeal_text);
  for (std::size_t i = 1; i < levels; ++i) {
    inner =
        "From: level" + std::to_string(i) + "@example.com\r\nMIME-Version: 1.0\r\n" + wrap(inner);
  }
  return wrap(inner);
}

inline std::string many_parts(std::size_t parts) {
  std::string out = "Content-Type: multipart/mixed; boundary=\"p\"\r\n\r\n";
  out += "--p\r\n" + text_part(appeal_text);
  for (std::size_t i = 1; i < parts; ++i) {
    out += "\r\n--p\r\nContent-Type: text/plain\r\n\r\npart " + std::to_string(i);
  }
  return out + "\r\n--p--\r\n";
}

inline std::string repeated(std::string_view unit, std::size_t times) {
  std::string out;
  out.reserve(unit.size() * times);
  for (std::size_t i = 0; i < times; ++i) {
    out += unit;
  }
  return out;
}

// Every generated fixture, in name order (the order `appeald dry-run` reads a directory in).
inline std::vector<Generated> generated_fixtures() {
  const std::string text = "Content-Type: text/plain; charset=utf-8\r\n";
  std::vector<Generated> g;
  // Base64 of base64 of base64 of the appeal: decoded once, as the part says; the rest is text.
  std::string b = std::string(repeated(appeal_text, 2000));
  for (int i = 0; i < 3; ++i) {
    b = base64(b);
  }
  g.push_back({"gen-base64-in-base64.eml",
               reply_headers("gen-b64b64", text + "Content-Transfer-Encoding: base64\r\n") +
                   "\r\n" + base64(b)});
  g.push_back(
      {"gen-base64-rfc822-chain.eml", reply_headers("gen-b64chain") + base64_rfc822_chain(8)});
  // One header field a megabyte and a bit long, on one line.
  g.push_back({"gen-header-1mb.eml",
               reply_headers("gen-header-1mb", "X-Filler: " + repeated("A", 1100 * 1024) + "\r\n") +
                   text + "\r\n" + std::string(appeal_text)});
  g.push_back(
      {"gen-header-count-2500.eml",
       reply_headers("gen-header-count", repeated("X-Filler: the same field again\r\n", 2500)) +
           text + "\r\n" + std::string(appeal_text)});
  g.push_back({"gen-html-nesting-5000.eml",
               reply_headers("gen-html", "Content-Type: text/html; charset=utf-8\r\n") + "\r\n" +
                   repeated("<div>", 5000) + "<p>" + std::string(appeal_text) + "</p>" +
                   repeated("</div>", 5000) + "\r\n"});
  g.push_back({"gen-line-100k.eml", reply_headers("gen-line", text) + "\r\n" +
                                        std::string(appeal_text) + repeated("word ", 20000) +
                                        "\r\n"});
  g.push_back({"gen-mime-depth-100.eml", reply_headers("gen-depth") + nested_multipart(100)});
  g.push_back({"gen-parts-5000.eml", reply_headers("gen-parts") + many_parts(5000)});
  g.push_back({"gen-rfc822-nested-50.eml",
               reply_headers("gen-rfc822-50",
                             "Content-Type: multipart/mixed; boundary=\"r\"\r\n\r\n--r\r\n") +
                   text_part(appeal_text) + "\r\n--r\r\n" + nested_rfc822(50) + "\r\n--r--\r\n"});
  // 1.5 MB of short lines: more decoded text than max_text_bytes.
  g.push_back({"gen-text-1500k.eml", reply_headers("gen-text", text) + "\r\n" +
                                         repeated(appeal_text, 1500 * 1024 / appeal_text.size())});
  return g;
}

// Over max_message_bytes only with a small limit (the test's, not the default 25 MiB): 20 KB.
inline Generated oversized_message() {
  return {"gen-message-20k.eml",
          reply_headers("gen-message", "Content-Type: text/plain; charset=utf-8\r\n") + "\r\n" +
              repeated(appeal_text, 20 * 1024 / appeal_text.size())};
}
inline constexpr std::size_t small_max_message_bytes = 4096;

} // namespace appeald::test::hostile
