#pragma once
// What the message model promises (parsers/message.hpp), checked on one parsed input with the
// small limits fuzz_message uses. Shared by fuzz_message and tests/test_fuzz_regressions.cpp.
#include "parsers/message_parser.hpp"
#include "parsers/utf8.hpp"

#include <string>
#include <string_view>

namespace appeald::fuzz {

// Small limits make the fuzzer reach the limit paths quickly.
inline parsers::ParseOptions fuzz_parse_options() {
  parsers::ParseOptions options;
  options.limits.max_mime_depth = 8;
  options.limits.max_parts = 64;
  options.limits.max_text_bytes = 64 * 1024;
  options.authserv_id = "mx.example.com";
  return options;
}

// The first property parse_message(bytes) breaks, or nullptr when all hold: the subject is
// valid UTF-8 on one line; the body text, the reply text, every text part, attachment name,
// the From name and every embedded message's subject and text are valid UTF-8.
inline const char* message_property_broken(std::string_view bytes) {
  using parsers::is_valid_utf8;
  const parsers::Message m = parsers::parse_message(bytes, fuzz_parse_options());
  if (!is_valid_utf8(m.subject) || m.subject.find_first_of("\r\n") != std::string::npos) {
    return "subject: valid UTF-8, one line";
  }
  if (!is_valid_utf8(m.text) || !is_valid_utf8(m.reply.text)) {
    return "text and reply text: valid UTF-8";
  }
  if (!is_valid_utf8(m.from.name)) {
    return "From name: valid UTF-8";
  }
  for (const parsers::TextPart& p : m.text_parts) {
    if (!is_valid_utf8(p.text)) {
      return "text parts: valid UTF-8";
    }
  }
  for (const parsers::Attachment& a : m.attachments) {
    if (!is_valid_utf8(a.filename)) {
      return "attachment names: valid UTF-8";
    }
  }
  for (const parsers::EmbeddedMessage& e : m.embedded) {
    if (!is_valid_utf8(e.subject) || !is_valid_utf8(e.text)) {
      return "embedded messages: valid UTF-8";
    }
  }
  return nullptr;
}

} // namespace appeald::fuzz
