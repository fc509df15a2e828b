// Fuzzer findings stay fixed: every tests/data/hostile/fuzz-<target>-<what>.<ext> goes through the
// same code and the same property checks as the libFuzzer target that found it (fuzz/), within
// the time a fuzz run allows one input. The seeds the targets start from pass the checks too.
#include "fuzz/address_properties.hpp"
#include "fuzz/cases_properties.hpp"
#include "fuzz/crash_only_runs.hpp"
#include "fuzz/message_properties.hpp"
#include "fuzz/rubric_properties.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace fs = std::filesystem;
using namespace appeald;

// fuzz_*.cpp run with -timeout=10; the sanitizer build is slower, so allow the same here.
constexpr auto time_per_input = std::chrono::seconds(10);

// The target named in "fuzz-<target>-...", or "" when the name has no known target.
std::string target_of(const std::string& file) {
  for (const char* t : {"address", "cases", "headers", "html", "message", "reply", "rubric"}) {
    if (file.starts_with("fuzz-" + std::string(t) + "-")) {
      return t;
    }
  }
  return "";
}

// Feeds `path` through its target's code; the broken property, or nullptr.
const char* run_target(const std::string& target, const fs::path& path) {
  if (target == "cases") {
    return fuzz::cases_property_broken(path);
  }
  const std::string bytes = test::read_file(path);
  if (target == "address") {
    return fuzz::address_property_broken(bytes);
  }
  if (target == "rubric") {
    return fuzz::rubric_property_broken(bytes, path.filename().string());
  }
  // The crash-only targets: surviving is the property.
  if (target == "headers") {
    fuzz::run_header_parsers(bytes);
    return nullptr;
  }
  if (target == "html") {
    fuzz::run_html_to_text(bytes);
    return nullptr;
  }
  if (target == "reply") {
    fuzz::run_reply_extraction(bytes);
    return nullptr;
  }
  // "message", and fixtures from before the naming rule (whole messages, .eml).
  return fuzz::message_property_broken(bytes);
}

std::vector<fs::path> fuzz_fixtures() {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(test::data_dir() / "hostile")) {
    if (entry.path().filename().string().starts_with("fuzz-")) {
      out.push_back(entry.path());
    }
  }
  std::ranges::sort(out);
  return out;
}

} // namespace

TEST_CASE("every fuzzer finding passes its target's checks, within a fuzz run's time limit") {
  const std::vector<fs::path> fixtures = fuzz_fixtures();
  for (const fs::path& path : fixtures) {
    const std::string file = path.filename().string();
    SUBCASE(file.c_str()) {
      CAPTURE(file);
      std::string target = target_of(file);
      if (target.empty()) {
        // Only whole messages may predate the fuzz-<target>- naming.
        REQUIRE_MESSAGE(path.extension() == ".eml", "name it fuzz-<target>-<what>.<ext>");
        target = "message";
      }
      CAPTURE(target);
      const auto started = std::chrono::steady_clock::now();
      const char* broken = nullptr;
      REQUIRE_NOTHROW(broken = run_target(target, path));
      CHECK_MESSAGE(broken == nullptr, (broken ? broken : ""));
      CHECK(std::chrono::steady_clock::now() - started < time_per_input);
    }
  }
  CHECK(!fixtures.empty());
}

TEST_CASE("the fuzz targets' seeds pass the same checks") {
  struct Row {
    const char* what;
    std::string target;
    fs::path path;
  };
  const fs::path source = fs::path(APPEALD_TEST_DATA).parent_path().parent_path();
  const std::vector<Row> rows = {
      {"the shipped rubric", "rubric", source / "config" / "rubric.toml"},
      {"the evaluation cases", "cases", test::data_dir() / "eval" / "cases.jsonl"},
      {"a JSON Lines file that is not a cases file", "cases",
       test::data_dir() / "eval" / "labels.jsonl"},
      {"the evaluation mailbox as one message", "message",
       test::data_dir() / "eval" / "mailbox.mbox"},
      {"the evaluation mailbox as an address list", "address",
       test::data_dir() / "eval" / "mailbox.mbox"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    REQUIRE(fs::exists(row.path));
    const char* broken = run_target(row.target, row.path);
    CHECK_MESSAGE(broken == nullptr, (broken ? broken : ""));
  }
}
