#pragma once
// Mail bytes -> Message: the entry point of parsers/.
#include "parsers/machine_mail.hpp"
#include "parsers/message.hpp"
#include "parsers/parser_limits.hpp"

#include <string>
#include <string_view>

namespace appeald::parsers {

struct ParseOptions {
  ParserLimits limits;
  // authserv-id of our own MX; "" trusts the topmost Authentication-Results.
  std::string authserv_id;
  MachineMailOptions machine_mail;
};

// Parses one message. Never fails and never throws on bad input: whatever can be recovered is
// returned with warnings. Bytes beyond limits.max_message_bytes are not parsed (`truncated`).
Message parse_message(std::string_view bytes, const ParseOptions& options);

} // namespace appeald::parsers
