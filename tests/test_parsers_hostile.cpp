// Hostile inputs kept as regression fixtures (every fuzzer finding lands in tests/data/hostile/):
// each parses to a best-effort model with valid UTF-8 text, without crashing.
#include "parsers/charset.hpp"
#include "parsers/message_parser.hpp"
#include "parsers/utf8.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <filesystem>

TEST_CASE("hostile fixtures parse to a valid model") {
  std::size_t files = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(appeald::test::data_dir() / "hostile")) {
    CAPTURE(entry.path().filename().string());
    const std::string bytes = appeald::test::read_file(entry.path());
    const appeald::parsers::Message m =
        appeald::parsers::parse_message(bytes, appeald::parsers::ParseOptions{});
    CHECK(appeald::parsers::is_valid_utf8(m.text));
    CHECK(appeald::parsers::is_valid_utf8(m.reply.text));
    CHECK(appeald::parsers::is_valid_utf8(m.subject));
    ++files;
  }
  CHECK(files >= 1);
}

TEST_CASE("a mislabelled charset costs linear time: every invalid byte becomes one U+FFFD") {
  // 20,000 bytes that are invalid in CP949 (lone lead bytes before ASCII).
  std::string body;
  for (int i = 0; i < 10000; ++i) {
    body += "\x81!";
  }
  appeald::parsers::Warnings warnings;
  const std::string text = appeald::parsers::to_utf8(body, "ks_c_5601-1987", warnings);
  CHECK(warnings.has("charset-invalid-bytes"));
  CHECK(appeald::parsers::is_valid_utf8(text));
  CHECK(text.find('!') != std::string::npos);
}
