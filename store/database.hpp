#pragma once
// The daemon's single source of truth: one SQLite file, opened in WAL mode with full fsync, and
// migrated to the latest schema (store/migrations.hpp) on open. One writer process. Every
// processing step is one transaction opened by the caller (`SQLite::Transaction t(db.sql());`)
// around several repository calls; repository functions never open transactions of their own.
// Repository functions throw SQLite::Exception when SQLite fails (disk full, I/O error): a
// boundary failure that aborts the caller's step and rolls its transaction back.
#include <SQLiteCpp/SQLiteCpp.h>

#include <expected>
#include <filesystem>
#include <memory>
#include <string>

namespace appeald::store {

// SQLite waits this long for a lock held by another connection (e.g. a CLI command run while the
// daemon writes) before failing with SQLITE_BUSY.
inline constexpr int busy_timeout_ms = 5000;

class Database {
public:
  // Opens (creating it and its parent directory if needed) and migrates to the latest schema.
  // A database file created here is mode 0600 (whatever the umask), and so are the -wal and -shm
  // files SQLite creates beside it; an existing file keeps its mode.
  // Settings: journal_mode=WAL, synchronous=FULL (a committed appeal survives a power cut),
  // foreign_keys=ON, busy_timeout 5000 ms. Error: "PATH: reason", e.g. when the file is not a
  // database, cannot be created, WAL cannot be enabled, or its schema is newer than this build.
  static std::expected<Database, std::string> open(const std::filesystem::path& path);

  Database(Database&&) noexcept = default;
  Database& operator=(Database&&) noexcept = default;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database() = default;

  SQLite::Database& sql() { return *sql_; }
  // PRAGMA user_version after migration: the number of migration steps applied.
  int schema_version() const { return schema_version_; }
  const std::filesystem::path& path() const { return path_; }

private:
  Database(std::unique_ptr<SQLite::Database> sql, std::filesystem::path path, int version)
      : sql_(std::move(sql)), path_(std::move(path)), schema_version_(version) {}

  std::unique_ptr<SQLite::Database> sql_;
  std::filesystem::path path_;
  int schema_version_ = 0;
};

} // namespace appeald::store
