#pragma once
// Small conversions between C++ values and SQLite columns shared by the repositories (internal to
// store/). SQLiteCpp binds only std::string and char*; these take string_views and optionals.
#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace appeald::store::detail {

// Binds `text` as TEXT (copied).
void bind_text(SQLite::Statement& st, int index, std::string_view text);
// Binds `bytes` as a BLOB (copied), so embedded NULs and invalid UTF-8 survive unchanged.
void bind_blob(SQLite::Statement& st, int index, std::string_view bytes);
// Binds the value, or NULL.
void bind_optional(SQLite::Statement& st, int index, const std::optional<std::int64_t>& value);
void bind_optional(SQLite::Statement& st, int index, const std::optional<std::string>& value);

// The column's bytes exactly (TEXT or BLOB); "" for NULL.
std::string column_bytes(const SQLite::Column& column);
std::optional<std::int64_t> column_optional_int64(const SQLite::Column& column);
std::optional<std::string> column_optional_text(const SQLite::Column& column);

// A list of strings as a JSON array, and back. Throws std::runtime_error naming `what` when the
// stored text is not an array of strings (a corrupt row must not pass for an empty one).
std::string encode_string_list(const std::vector<std::string>& items);
std::vector<std::string> decode_string_list(std::string_view json, std::string_view what);

} // namespace appeald::store::detail
