// The hostile corpus through the built binary: `appeald dry-run` over tests/data/hostile/ and the
// generated fixtures (written to the scratch directory) exits 0 and prints exactly one valid
// UTF-8 JSON line per message, in input order; whatever a person must see goes to triage or is
// ignored, with no reply.
#include "hostile_generated.hpp"
#include "hostile_rows.hpp"
#include "test_support.hpp"

#include "tests/support/child_process.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
namespace hostile = appeald::test::hostile;

namespace {

struct Run {
  int status = -1;
  std::string out;
};

// Runs appeald with `args` (already shell-quoted), stderr to a file; returns status and stdout.
Run run(const std::string& args) {
  Run r;
  r.status = appeald::test::run_command(
      {"/bin/sh", "-c", std::string(APPEALD_BINARY) + " " + args + " 2>dry-run.stderr"}, &r.out);
  return r;
}

// The names a directory mailbox is read in: regular files not starting with '.', sorted.
std::vector<std::string> mailbox_order(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && !name.starts_with('.')) {
      names.push_back(name);
    }
  }
  std::ranges::sort(names);
  return names;
}

} // namespace

TEST_CASE("dry-run over the hostile corpus: exit 0, one valid JSON line per message") {
  const fs::path generated = fs::absolute("generated");
  fs::remove_all(generated);
  fs::create_directories(generated);
  for (const hostile::Generated& g : hostile::generated_fixtures()) {
    std::ofstream(generated / g.name, std::ios::binary) << g.bytes;
  }
  std::ofstream("cases.jsonl", std::ios::binary | std::ios::trunc) << hostile::cases_jsonl;

  const fs::path committed = appeald::test::data_dir() / "hostile";
  // The README is read as a message too: a directory mailbox takes every file.
  std::vector<std::string> order = mailbox_order(committed);
  const std::vector<std::string> generated_order = mailbox_order(generated);
  order.insert(order.end(), generated_order.begin(), generated_order.end());

  const Run r =
      run("dry-run --cases cases.jsonl '" + committed.string() + "' '" + generated.string() + "'");
  CAPTURE(appeald::test::read_file("dry-run.stderr"));
  CHECK(r.status == 0);
  std::vector<std::string> lines;
  for (std::size_t pos = 0; pos < r.out.size();) {
    const std::size_t end = std::min(r.out.find('\n', pos), r.out.size());
    lines.push_back(r.out.substr(pos, end - pos));
    pos = end + 1;
  }
  REQUIRE(lines.size() == order.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    CAPTURE(order[i]);
    // nlohmann's parser rejects invalid UTF-8, so a parse is the UTF-8 check too.
    nlohmann::json j;
    REQUIRE_NOTHROW(j = nlohmann::json::parse(lines[i]));
    REQUIRE(j.is_object());
    for (const char* field : {"message_id", "from", "case", "matched_by", "action", "missing",
                              "found", "reason", "reply"}) {
      CAPTURE(field);
      CHECK(j.contains(field));
    }
    const hostile::Outcome* expected = hostile::outcome_for(order[i]);
    if (expected == nullptr) {
      continue; // the README: judged like any file, its outcome is not documented
    }
    CHECK(j["matched_by"] == expected->matched_by);
    const nlohmann::json& flags = j["flags"];
    CHECK((std::find(flags.begin(), flags.end(), "sender_unauthenticated") != flags.end()) ==
          expected->sender_unauthenticated);
    // A run judges cumulatively, so the answered rows may differ from the one-message verdicts
    // of test_hostile_corpus; what a person must read never changes.
    if (expected->action == "triage" || expected->action == "ignore") {
      CHECK(j["action"] == expected->action);
      CHECK(j["reason"].get<std::string>().find(expected->reason) != std::string::npos);
      CHECK(j["reply"].is_null());
    }
  }
}

// The mailbox reader cuts an oversized message to exactly max_message_bytes, so parse_message
// cannot tell; dry-run passes the reader's word on (it once judged and answered the prefix).
TEST_CASE("dry-run: a message over max_message_bytes goes to triage, unanswered") {
  std::ofstream("small.toml", std::ios::binary | std::ios::trunc)
      << "[policy]\nmax_message_bytes = " << hostile::small_max_message_bytes << "\n";
  std::ofstream("cases.jsonl", std::ios::binary | std::ios::trunc) << hostile::cases_jsonl;
  const hostile::Generated big = hostile::oversized_message();
  std::ofstream(big.name, std::ios::binary | std::ios::trunc) << big.bytes;
  const Run r = run("dry-run --config small.toml --cases cases.jsonl " + big.name);
  REQUIRE(r.status == 0);
  const nlohmann::json j = nlohmann::json::parse(r.out);
  CHECK(j["action"] == "triage");
  CHECK(j["reason"].get<std::string>().find("max_message_bytes") != std::string::npos);
  CHECK(j["reply"].is_null());
}
