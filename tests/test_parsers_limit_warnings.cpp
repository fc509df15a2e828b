// Each named limit a message exceeds is reported once, in words an operator reads in the triage
// reason; a message within every limit reports nothing, and other anomalies are no limit.
#include "parsers/limit_warnings.hpp"
#include "parsers/message_parser.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace appeald;

namespace {

std::string nested_multipart(int depth) {
  std::string head, tail;
  for (int i = 0; i < depth; ++i) {
    const std::string b = "b" + std::to_string(i);
    head += "Content-Type: multipart/mixed; boundary=\"" + b + "\"\r\n\r\n--" + b + "\r\n";
    tail = "\r\n--" + b + "--\r\n" + tail;
  }
  return "From: a@x.test\r\nSubject: deep\r\nMIME-Version: 1.0\r\n" + head +
         "Content-Type: text/plain\r\n\r\nWe removed the list.\r\n" + tail;
}

std::string many_parts(int n) {
  std::string raw = "From: a@x.test\r\nMIME-Version: 1.0\r\n"
                    "Content-Type: multipart/mixed; boundary=\"p\"\r\n\r\n";
  for (int i = 0; i < n; ++i) {
    raw += "--p\r\nContent-Type: text/plain\r\n\r\npart " + std::to_string(i) + "\r\n";
  }
  return raw + "--p--\r\n";
}

std::string many_headers(int n) {
  std::string raw = "From: a@x.test\r\n";
  for (int i = 0; i < n; ++i) {
    raw += "X-Filler-" + std::to_string(i) + ": x\r\n";
  }
  return raw + "\r\nHello.\r\n";
}

} // namespace

TEST_CASE("each exceeded limit is named in the reason, and nothing else is") {
  parsers::ParserLimits small;
  small.max_mime_depth = 4;
  small.max_parts = 10;
  small.max_header_count = 50;
  small.max_header_bytes = 4096;
  small.max_text_bytes = 1000;
  small.max_line_bytes = 500;
  small.max_html_depth = 20;
  struct Row {
    std::string what;
    std::string raw;
    std::string reason; // "" = within every limit
  };
  std::string nested_html =
      "From: a@x.test\r\nMIME-Version: 1.0\r\nContent-Type: text/html\r\n\r\n";
  for (int i = 0; i < 50; ++i) {
    nested_html += "<div>";
  }
  nested_html += "We removed the list.";
  const std::vector<Row> rows = {
      {"an ordinary message", "From: a@x.test\r\nSubject: hi\r\n\r\nWe removed the list.\r\n", ""},
      {"malformed but within limits",
       "From: <<broken\r\nContent-Type: text/plain; charset=\"nonsense-8\"\r\n\r\nHello.\r\n", ""},
      {"MIME nesting", nested_multipart(12), "MIME nesting deeper than max_mime_depth"},
      {"part count", many_parts(40), "more MIME parts than max_parts"},
      {"header count", many_headers(80), "more header fields than max_header_count"},
      {"header bytes",
       "From: a@x.test\r\nSubject: " + std::string(5000, 'a') + "\r\n\r\nHello.\r\n",
       "header block larger than max_header_bytes"},
      {"decoded text", "From: a@x.test\r\n\r\n" + std::string(3000, 'w') + "\r\n",
       "body text longer than max_text_bytes"},
      {"HTML nesting", nested_html, "HTML nesting deeper than max_html_depth"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    parsers::ParseOptions options;
    options.limits = small;
    const parsers::Message m = parsers::parse_message(row.raw, options);
    const std::string reason = parsers::limits_exceeded(m.warnings);
    if (row.reason.empty()) {
      CHECK(reason.empty());
    } else {
      CHECK(reason.find(row.reason) != std::string::npos);
    }
  }
}

TEST_CASE("limits are named once each, in a fixed order") {
  parsers::Warnings w;
  w.add("mime-too-many-parts");
  w.add("header-too-many");
  w.add("charset-unknown", "x-nonsense");
  w.add("html-line-too-long");
  w.add("reply-line-truncated");
  CHECK(parsers::limits_exceeded(w) == "more header fields than max_header_count; more MIME "
                                       "parts than max_parts; a line longer than max_line_bytes");
}
