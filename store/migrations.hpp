#pragma once
// The schema, as an ordered list of SQL steps. Step N (1-based) turns a version N-1 database into
// version N; the version lives in PRAGMA user_version. Steps are only ever appended: a released
// step never changes, so every database reaches the same schema by the same path.
#include <SQLiteCpp/Database.h>

#include <expected>
#include <span>
#include <string>
#include <string_view>

namespace appeald::store {

struct Migration {
  std::string_view description; // one line, for the error when a step fails
  std::string_view sql;         // one or more statements
};

// Every step, in order.
std::span<const Migration> migrations();
// The version a fully migrated database has: the number of steps.
int latest_schema_version();

// Applies the missing steps to `sql`, each in its own transaction together with its
// user_version, so a failed step leaves the previous version intact. Returns the resulting
// version. Error: "database schema version N is newer than this appeald supports (M)", or
// "migration to version N (description) failed: reason". Must not be called inside a transaction.
std::expected<int, std::string> migrate(SQLite::Database& sql);

} // namespace appeald::store
