#pragma once
// Output helpers shared by the operator commands (cases, notice, review, triage, audit).
#include "daemon/cli.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string_view>

namespace appeald::daemon {

// Prints "<prefix><message>" as one line on stderr (the prefix names the command:
// "appeald review: ") and returns `code`, for `return fail(...)` in a command.
int report_failure(std::string_view prefix, std::string_view message, int code = exit_failure);

// `j` on stdout, indented by two spaces, invalid UTF-8 replaced (U+FFFD) rather than thrown on.
void print_json(const nlohmann::ordered_json& j);

// Milliseconds since the Unix epoch, now (the store's and the audit log's time unit).
std::int64_t now_ms();

} // namespace appeald::daemon
