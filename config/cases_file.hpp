#pragma once
// The cases file (contract: JSON Lines, one enforcement notice per line) turned into CaseRecords.
#include "appeals/case_record.hpp"

#include <expected>
#include <filesystem>
#include <string>
#include <vector>

namespace appeald::config {

// Loads `path`, one JSON object per line, in file order. Blank lines are skipped and unknown
// fields ignored. Required: `case` (string, no spaces or brackets: it goes into Subject tags),
// `account` (string, or a whole non-negative JSON number turned into its decimal digits),
// `address` (has '@'; lowercased), `kind`, `issue` (the contract's lowercase names),
// `notice_message_id` (angle brackets added when missing), `sent_at` (RFC 3339). Optional:
// `deadline` (RFC 3339, after sent_at) and `representative` (address); null or "" means unset.
// String values are trimmed of surrounding whitespace.
//
// Error (the first one only, one line): "FILE:LINE: field "NAME": what was expected, got VALUE",
// "FILE:LINE: invalid JSON: <nlohmann's message>", "FILE:LINE: expected a JSON object, got ...",
// "FILE:LINE: field "case": duplicate case id "C-1" (first on line N)", or
// "FILE: cannot read: reason". FILE is `path` as given.
std::expected<std::vector<appeals::CaseRecord>, std::string>
load_cases(const std::filesystem::path& path);

} // namespace appeald::config
