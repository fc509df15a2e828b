#pragma once
// The message model: what appeald knows about one received message after parsing.
#include "parsers/address_list.hpp"
#include "parsers/auth_results.hpp"
#include "parsers/date_time.hpp"
#include "parsers/header_block.hpp"
#include "parsers/reply_extractor.hpp"
#include "parsers/warnings.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace appeald::parsers {

// Kinds of machine-generated mail (the contract's `auto` field).
enum class AutoKind { none, auto_reply, bounce, read_receipt, list, bulk, loop };

// "auto-reply", "bounce", ...; "" for AutoKind::none.
std::string_view to_string(AutoKind kind);

struct Attachment {
  std::string filename;     // UTF-8; "" when the part names none
  std::string content_type; // lowercased type/subtype
  std::size_t bytes = 0;    // decoded size
};

// A message/rfc822 part (a forwarded message): kept apart, never merged into the reply.
struct EmbeddedMessage {
  std::optional<std::string> message_id;
  Mailbox from;
  std::string subject;
  std::string text;
};

// A decoded text leaf, for callers that need every text part (tests, triage views).
struct TextPart {
  std::string content_type; // "text/plain", "text/html"
  std::string text;         // UTF-8; HTML left as HTML here
};

struct Message {
  std::vector<HeaderField> headers; // top-level fields, topmost first, undecoded

  std::optional<std::string> message_id; // "<id>"
  std::vector<std::string> in_reply_to;
  std::vector<std::string> references;
  Mailbox from;
  std::vector<Mailbox> reply_to;
  std::vector<Mailbox> to;
  std::vector<Mailbox> cc;
  std::string subject; // decoded UTF-8, one line
  std::optional<DateTime> date;
  std::string return_path; // as written, brackets removed; "<>" kept as "" with null_return_path
  bool null_return_path = false;
  std::string content_type; // top-level type/subtype, lowercased

  AutoKind auto_kind = AutoKind::none;
  AuthVerdict auth; // the trusted Authentication-Results (see auth_results.hpp)

  std::vector<Attachment> attachments;
  std::vector<EmbeddedMessage> embedded;
  std::vector<TextPart> text_parts; // every text/* leaf outside embedded messages, decoded

  std::string text; // the chosen body as UTF-8 text (HTML converted)
  ReplyText reply;  // the sender's new words (reply.text is the contract's reply_text)

  std::size_t raw_bytes = 0; // size as received
  bool truncated = false;    // over max_message_bytes: only a prefix was parsed
  Warnings warnings;
};

} // namespace appeald::parsers
