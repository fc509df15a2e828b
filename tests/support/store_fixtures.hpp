#pragma once
// A store for one test: a database file in the test's scratch directory, removed first (with its
// WAL and shared-memory files) so every test starts empty.
#include "store/database.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

namespace appeald::test {

inline store::Database fresh_db(const std::string& name) {
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::filesystem::remove(name + suffix);
  }
  auto db = store::Database::open(name);
  REQUIRE_MESSAGE(db.has_value(), (db ? "" : db.error()));
  return std::move(*db);
}

} // namespace appeald::test
