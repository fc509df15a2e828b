#pragma once
// Reads the reply templates (responders/templates.hpp) from a directory.
#include "responders/templates.hpp"

#include <cstddef>
#include <expected>
#include <filesystem>
#include <string>

namespace appeald::config {

// Largest template file accepted: a reply body is a few hundred words.
inline constexpr std::size_t max_template_bytes = 64 * 1024;

// Loads request_info.txt, await_fixes.txt and review.txt from `dir`, then the decision
// templates (decision_accept.txt, decision_reject.txt, decision_ask.txt) and the notice
// (notice.txt), each of which comes from default_templates_dir() when `dir` lacks it. Each must
// be valid UTF-8, at most max_template_bytes, and use only the placeholders of its schema
// (responders::reply_template_schema(), decision_template_schema(), notice_template_schema()).
// Errors, one line each: "FILE: cannot read: reason",
// "FILE: larger than 65536 bytes", "FILE:LINE: not valid UTF-8",
// "FILE:LINE: unknown placeholder {{name}}" (and the other template syntax errors).
std::expected<responders::Templates, std::string> load_templates(const std::filesystem::path& dir);

// The templates shipped with appeald: the source tree's config/templates in a build tree, else
// the installed copy in the data directory.
std::filesystem::path default_templates_dir();

} // namespace appeald::config
