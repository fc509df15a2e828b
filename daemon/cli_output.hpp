#pragma once
// Output helpers shared by the operator commands (cases, notice, review, triage, audit).
#include "daemon/cli.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace appeald::daemon {

// Prints "<prefix><message>" as one line on stderr (the prefix names the command:
// "appeald review: ") and returns `code`, for `return fail(...)` in a command.
int report_failure(std::string_view prefix, std::string_view message, int code = exit_failure);

// `j` on stdout, indented by two spaces, invalid UTF-8 replaced (U+FFFD) rather than thrown on.
void print_json(const nlohmann::ordered_json& j);

// Milliseconds since the Unix epoch, now (the store's and the audit log's time unit).
std::int64_t now_ms();

// Unix seconds as RFC 3339 UTC ("2026-11-02T08:30:10Z"), as the CONTRACT's JSON shows times.
std::string utc_time(std::int64_t seconds);
// utc_time(*t), or JSON null when there is no time.
nlohmann::ordered_json optional_time(const std::optional<std::int64_t>& t);
// `s`, or JSON null when it is empty (fields the contract gives as null when unknown).
nlohmann::ordered_json text_or_null(const std::string& s);

// `text` made safe to print on one line of an operator's terminal: control characters (CR, LF,
// ESC, ...) become spaces, invalid UTF-8 becomes U+FFFD, whitespace runs collapse, at most 998
// bytes (responders::sanitize_header_text). Subjects, reasons and quoted sentences come from
// mail, and could otherwise break a listing's layout or send escape sequences to the terminal.
std::string one_line(std::string_view text);

} // namespace appeald::daemon
