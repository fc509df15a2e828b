#pragma once
// Message-ID, In-Reply-To and References (RFC 5322 section 3.6.4).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace appeald::parsers {

// Ids kept from one list, and the longest id accepted (RFC 5322 line length).
inline constexpr std::size_t max_message_ids = 200;
inline constexpr std::size_t max_message_id_length = 998;

// Every <id> in `raw`, in order, including the angle brackets, with whitespace inside removed.
// Junk between ids (comments, phrases, quoted attribution as some old clients write it) is
// skipped, and so are ids without '@', overlong ids and ids with control characters. Duplicates are
// removed, first occurrence kept. At most max_message_ids are returned: beyond that, the first id
// (the thread root) and the last max_message_ids - 1 (the nearest ancestors) are kept.
std::vector<std::string> parse_message_id_list(std::string_view raw);

// The first id of `raw`. A bare id without brackets (some tools send those) is accepted and
// bracketed when it contains '@' and no whitespace. nullopt when there is none.
std::optional<std::string> parse_message_id(std::string_view raw);

} // namespace appeald::parsers
