#include "store/database.hpp"

#include "store/migrations.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

namespace appeald::store {

namespace {

// The store holds customers' mail: readable by its owner only. SQLite gives its -wal and -shm
// files the mode of the database file, so creating that file with this mode covers all three.
constexpr mode_t database_file_mode = 0600;

// Creates `path` empty with database_file_mode when it does not exist (SQLite reads an empty file
// as a new database). An existing file keeps its mode: it is the operator's.
std::expected<void, std::string> create_private(const std::filesystem::path& path) {
  const int fd =
      ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY, database_file_mode);
  if (fd < 0) {
    if (errno == EEXIST) {
      return {};
    }
    return std::unexpected(std::string("cannot create: ") + std::strerror(errno));
  }
  // The umask may have taken bits away (never added any); make the mode exact.
  const int chmodded = ::fchmod(fd, database_file_mode);
  const int err = errno;
  ::close(fd);
  if (chmodded != 0) {
    return std::unexpected(std::string("cannot create: ") + std::strerror(err));
  }
  return {};
}

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
  if (auto created = create_private(path); !created) {
    return std::unexpected(where + ": " + created.error());
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
