// Golden messages: every tests/data/golden/NAME.eml, parsed and turned into the inspect JSON, must
// agree with NAME.expected.json on every key that file holds. The fixtures are real client styles
// (Gmail, Outlook, Apple Mail, Thunderbird, phones, ticketing tools), charsets, MIME structures,
// machine mail and hostile headers; their expected values say what a careful reader sees in them.
#include "daemon/message_json.hpp"
#include "parsers/message_parser.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using appeald::daemon::dump_json;
using appeald::daemon::message_to_json;
using appeald::parsers::parse_message;
using appeald::parsers::ParseOptions;
using appeald::test::data_dir;
using appeald::test::read_file;

namespace {

// Fewer fixtures than this means the directory was emptied or moved, not that all is well.
constexpr std::size_t min_fixtures = 25;

// The contract's inspect fields. A fixture may leave out `text` when the body is very long;
// everything else must be pinned down.
const std::vector<std::string> required_keys = {"message_id",  "in_reply_to", "references", "from",
                                                "subject",     "date",        "auto",       "auth",
                                                "attachments", "reply_text"};

fs::path golden_dir() {
  return data_dir() / "golden";
}

std::vector<fs::path> fixtures() {
  std::vector<fs::path> out;
  for (const fs::directory_entry& e : fs::directory_iterator(golden_dir())) {
    if (e.is_regular_file() && e.path().extension() == ".eml") {
      out.push_back(e.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

fs::path expected_path(const fs::path& eml) {
  fs::path p = eml;
  p.replace_extension(".expected.json");
  return p;
}

// The inspect JSON of one message, parsed as the daemon does with our MX's authserv-id.
nlohmann::json inspect(const fs::path& eml) {
  ParseOptions options;
  options.authserv_id = "mx.appeals.example";
  return message_to_json(parse_message(read_file(eml), options));
}

} // namespace

TEST_CASE("the golden directory holds enough fixtures, each with its expected JSON") {
  const std::vector<fs::path> files = fixtures();
  CHECK(files.size() >= min_fixtures);
  for (const fs::path& eml : files) {
    const std::string name = eml.filename().string();
    CAPTURE(name);
    REQUIRE_MESSAGE(fs::exists(expected_path(eml)), name << ": no .expected.json beside it");
    const nlohmann::json expected = nlohmann::json::parse(read_file(expected_path(eml)));
    REQUIRE(expected.is_object());
    for (const std::string& key : required_keys) {
      CHECK_MESSAGE(expected.contains(key), name << ": expected file lacks \"" << key << "\"");
    }
  }
}

TEST_CASE("every golden message parses to its expected inspect JSON") {
  const std::vector<fs::path> files = fixtures();
  REQUIRE(files.size() >= min_fixtures);
  for (const fs::path& eml : files) {
    const std::string name = eml.filename().string();
    CAPTURE(name);
    if (!fs::exists(expected_path(eml))) {
      continue; // reported by the test case above
    }
    const nlohmann::json expected = nlohmann::json::parse(read_file(expected_path(eml)));
    const nlohmann::json actual = inspect(eml);
    for (const auto& [key, value] : expected.items()) {
      const nlohmann::json got = actual.contains(key) ? actual[key] : nlohmann::json();
      CHECK_MESSAGE(got == value, name << ": \"" << key << "\" differs\n  expected: "
                                       << dump_json(value) << "\n  actual:   " << dump_json(got));
    }
  }
}
