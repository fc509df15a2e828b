#pragma once
// Message-ID, In-Reply-To and References (RFC 5322 section 3.6.4).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace appeald::parsers {

// Every <id> in `raw`, in order, including the angle brackets, with whitespace inside removed.
// Junk between ids (comments, phrases, quoted attribution as some old clients write it) is
// skipped. Duplicates are removed, first occurrence kept. At most 200 ids are returned.
std::vector<std::string> parse_message_id_list(std::string_view raw);

// The first id of `raw`. A bare id without brackets (some tools send those) is accepted and
// bracketed when it contains '@' and no whitespace. nullopt when there is none.
std::optional<std::string> parse_message_id(std::string_view raw);

} // namespace appeald::parsers
