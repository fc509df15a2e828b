#pragma once
// RFC 5322 header block: splitting raw bytes into unfolded fields.
#include "parsers/parser_limits.hpp"
#include "parsers/warnings.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace appeald::parsers {

// One header field as it appeared, unfolded (CRLF/LF + WSP -> the WSP), not yet decoded.
// `name` keeps its original case; compare with iequals().
struct HeaderField {
  std::string name;
  std::string value; // leading/trailing whitespace trimmed; 8-bit bytes kept as is
};

struct HeaderBlock {
  std::vector<HeaderField> fields; // in order of appearance, topmost first
  std::size_t body_offset = 0;     // index in the input where the body starts
};

// Splits the header block at the start of `bytes`. The block ends at the first empty line
// (CRLF CRLF, LF LF, or mixed); without one, everything is header and body_offset is
// bytes.size(). Tolerates: a leading mbox "From " line (skipped), bare LF and bare CR line ends,
// CRs doubled before LF ("\r\r\n", one line end), a line without a colon or with an invalid
// name (the client left out the blank line: the body starts there, "header-no-blank-line"), "Name
// :" (obsolete form), NUL bytes (replaced by spaces), continuation lines before the first field
// (dropped, "header-junk"). A whitespace-only line is a continuation, not the end of the block.
// Limits: max_header_bytes (the line crossing it and the rest of the block skipped,
// "header-too-large"; body_offset still points after the empty line), max_header_count (further
// fields dropped, "header-too-many"). Linear in the input.
HeaderBlock split_header_block(std::string_view bytes, const ParserLimits& limits,
                               Warnings& warnings);

// ASCII case-insensitive equality, for header names and tokens.
bool iequals(std::string_view a, std::string_view b);

// First field called `name` (case-insensitive), or nullptr.
const HeaderField* find_field(const std::vector<HeaderField>& fields, std::string_view name);

// ASCII lowercase copy.
std::string ascii_lower(std::string_view s);
// Lowercases the ASCII letters of `s` in place (other bytes are left as they are).
void ascii_lower_in_place(std::string& s);

// `s` without leading/trailing spaces, tabs, CR and LF.
std::string_view trim(std::string_view s);

} // namespace appeald::parsers
