#pragma once
// Which parser warnings mean a named limit (parser_limits.hpp) cut the message short, so part of
// what the sender wrote was never read. Such a message is not judged automatically: the engine
// sends it to a person with the reason this builds.
#include "parsers/warnings.hpp"

#include <string>

namespace appeald::parsers {

// "" when no limit was hit; else one line naming each limit hit, in a fixed order, e.g.
// "MIME nesting deeper than max_mime_depth; more header fields than max_header_count".
std::string limits_exceeded(const Warnings& warnings);

} // namespace appeald::parsers
