#pragma once
// Helpers shared by the unit tests.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace appeald::test {

inline std::filesystem::path data_dir() {
  return APPEALD_TEST_DATA;
}

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

// `text` split at '\n' (a final line without one counts; no empty last element).
inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    out.push_back(line);
  }
  return out;
}

} // namespace appeald::test
