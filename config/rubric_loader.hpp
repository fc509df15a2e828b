#pragma once
// Loading the rubric (TOML) into appeals::Rubric, validated as a whole.
#include "appeals/rubric.hpp"

#include <expected>
#include <filesystem>
#include <string>
#include <string_view>

namespace appeald::config {

// Parses and validates a rubric. Every element needs an `id` (unique), a `title`, a `request`
// and at least one cue; `issues` holds issue names ([] or absent: a core element), `tense` is
// "any" or "done", every cue must compile (appeals/cue_pattern.hpp), and the contract's
// elements (cause, changes, prevention, bounce.*, complaint.*, unsolicited.*) must all be there.
// Error: one line, "FILE:LINE:COL: what" where the position is known, else "FILE: what".
std::expected<appeals::Rubric, std::string> load_rubric(const std::filesystem::path& path);

// As load_rubric, from text already read; `name` is used in error messages.
std::expected<appeals::Rubric, std::string> parse_rubric(std::string_view text,
                                                         const std::string& name);

// The rubric shipped with appeald: the installed copy beside the binary's data directory, or
// the source tree's config/rubric.toml in a build tree.
std::filesystem::path default_rubric_path();

} // namespace appeald::config
