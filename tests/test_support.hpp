#pragma once
// Helpers shared by the unit tests.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace appeald::test {

inline std::filesystem::path data_dir() { return APPEALD_TEST_DATA; }

// The whole file at `p` as bytes; throws when unreadable so the test fails loudly.
inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) {
    throw std::runtime_error("cannot read " + p.string());
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

} // namespace appeald::test
