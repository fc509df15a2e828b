#include "store/database.hpp"

#include "store/migrations.hpp"

#include <system_error>

namespace appeald::store {

namespace {

// Connection settings that are not stored in the file and must be set on every open. They run
// outside any transaction (SQLite ignores foreign_keys and journal_mode changes inside one).
std::expected<void, std::string> configure(SQLite::Database& sql) {
  const std::string mode = sql.execAndGet("PRAGMA journal_mode=WAL").getString();
  if (mode != "wal") {
    return std::unexpected("cannot enable WAL journal mode (got \"" + mode + "\")");
  }
  sql.exec("PRAGMA synchronous=FULL");
  sql.exec("PRAGMA foreign_keys=ON");
  if (sql.execAndGet("PRAGMA foreign_keys").getInt() != 1) {
    return std::unexpected("this SQLite has no foreign key support");
  }
  return {};
}

} // namespace

std::expected<Database, std::string> Database::open(const std::filesystem::path& path) {
  const std::string where = path.string();
  if (path.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) {
      return std::unexpected(where + ": cannot create directory " + path.parent_path().string() +
                             ": " + ec.message());
    }
  }
  try {
    auto sql = std::make_unique<SQLite::Database>(
        path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE, busy_timeout_ms);
    if (auto ok = configure(*sql); !ok) {
      return std::unexpected(where + ": " + ok.error());
    }
    auto version = migrate(*sql);
    if (!version) {
      return std::unexpected(where + ": " + version.error());
    }
    return Database(std::move(sql), path, *version);
  } catch (const SQLite::Exception& e) {
    return std::unexpected(where + ": " + e.what());
  }
}

} // namespace appeald::store
