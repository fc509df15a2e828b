// appeald dry-run end to end: the binary over the bundled example dump, in both formats, with
// would-be replies written to disk and parsed back.
#include "parsers/message_parser.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace {

struct Run {
  int status = -1;
  std::string out;
};

// Runs `args` through the shell with stderr discarded; returns exit status and stdout.
// `prefix` goes before the binary ("taskset -c 0").
Run run(const std::string& args, const std::string& prefix = "") {
  Run r;
  const std::string command = prefix + std::string(APPEALD_BINARY) + " " + args + " 2>/dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::array<char, 4096> buf{};
  std::size_t n = 0;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) {
    r.out.append(buf.data(), n);
  }
  const int status = pclose(pipe);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::filesystem::path examples() {
  return appeald::test::data_dir().parent_path().parent_path() / "examples";
}

std::vector<nlohmann::json> lines(const std::string& out) {
  std::vector<nlohmann::json> result;
  std::size_t pos = 0;
  while (pos < out.size()) {
    const std::size_t end = out.find('\n', pos);
    result.push_back(nlohmann::json::parse(out.substr(pos, end - pos)));
    pos = end == std::string::npos ? out.size() : end + 1;
  }
  return result;
}

} // namespace

TEST_CASE("dry-run over examples/: every action, in input order, with the contract's fields") {
  const std::string args = "dry-run --cases " + (examples() / "cases.jsonl").string() + " " +
                           (examples() / "mailbox").string();
  const Run r = run(args);
  REQUIRE(r.status == 0);
  const std::vector<nlohmann::json> got = lines(r.out);
  struct Row {
    const char* file;
    const char* action;
    const char* matched_by;
    const char* case_id; // "" for null
  };
  const std::vector<Row> expected = {
      {"01-complete-appeal", "review", "in-reply-to", "E-2001"},
      {"02-outlook-html", "await_fixes", "in-reply-to", "E-2002"},
      {"03-inline-answers", "request_info", "in-reply-to", "E-2003"},
      {"04-out-of-office", "ignore", "none", ""},
      {"05-unknown-sender", "triage", "none", ""},
      {"06-follow-up", "review", "in-reply-to", "E-2003"},
      {"07-delivery-failure", "ignore", "none", ""},
  };
  REQUIRE(got.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const nlohmann::json& j = got[i];
    CAPTURE(expected[i].file);
    for (const char* key : {"message_id", "from", "case", "matched_by", "action", "missing",
                            "found", "reason", "reply"}) {
      CHECK(j.contains(key));
    }
    CHECK(j["origin"].get<std::string>().find(expected[i].file) != std::string::npos);
    CHECK(j["action"] == expected[i].action);
    CHECK(j["matched_by"] == expected[i].matched_by);
    if (*expected[i].case_id == '\0') {
      CHECK(j["case"].is_null());
    } else {
      CHECK(j["case"] == expected[i].case_id);
    }
    const bool answered =
        j["action"] == "review" || j["action"] == "request_info" || j["action"] == "await_fixes";
    CHECK(j["reply"].is_null() == !answered);
    CHECK(!j["reason"].get<std::string>().empty());
  }
  // request_info names what is missing, in the reply as well.
  CHECK(got[2]["missing"].size() >= 1);
  // The representative of E-2002 is copied on the reply.
  CHECK(got[1]["reply"]["cc"].dump().find("partner@resellers.example") != std::string::npos);
}

TEST_CASE("dry-run --format table prints a header and one line per message") {
  const Run r = run("dry-run --format table --cases " + (examples() / "cases.jsonl").string() +
                    " " + (examples() / "mailbox").string());
  REQUIRE(r.status == 0);
  CHECK(r.out.starts_with("#"));
  CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 8);
  CHECK(r.out.find("await_fixes") != std::string::npos);
}

TEST_CASE("dry-run --replies-dir writes threaded, auto-submitted replies that parse back") {
  const std::filesystem::path dir = std::filesystem::current_path() / "replies";
  std::filesystem::remove_all(dir);
  const Run r =
      run("dry-run --replies-dir " + dir.string() + " --cases " +
          (examples() / "cases.jsonl").string() + " " + (examples() / "mailbox").string());
  REQUIRE(r.status == 0);
  const std::vector<nlohmann::json> got = lines(r.out);
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    ++files;
    const std::string bytes = appeald::test::read_file(entry.path());
    CHECK(bytes.find("\r\n") != std::string::npos);
    const appeald::parsers::Message m =
        appeald::parsers::parse_message(bytes, appeald::parsers::ParseOptions{});
    CAPTURE(entry.path().filename().string());
    REQUIRE(m.message_id.has_value());
    REQUIRE(m.in_reply_to.size() == 1);
    // The reply answers one of the dump's messages and carries the case tag.
    const auto original = std::find_if(got.begin(), got.end(), [&](const nlohmann::json& j) {
      return j["message_id"] == m.in_reply_to[0];
    });
    REQUIRE(original != got.end());
    CHECK((*original)["reply"]["message_id"] == *m.message_id);
    CHECK(m.subject.find("[" + (*original)["case"].get<std::string>() + "]") != std::string::npos);
    CHECK(m.auto_kind == appeald::parsers::AutoKind::loop); // loop header: never answered
    const appeald::parsers::HeaderField* auto_submitted =
        appeald::parsers::find_field(m.headers, "Auto-Submitted");
    REQUIRE(auto_submitted != nullptr);
    CHECK(auto_submitted->value == "auto-replied");
  }
  CHECK(files == 4);
}

TEST_CASE("dry-run refuses bad input with one line and the contract's exit codes") {
  CHECK(run("dry-run " + (examples() / "mailbox").string()).status == 2); // --cases missing
  CHECK(run("dry-run --cases /nonexistent.jsonl x").status == 1);
  CHECK(run("dry-run --cases " + (examples() / "cases.jsonl").string() + " /nonexistent").status ==
        1);
  CHECK(
      run("dry-run --format xml --cases " + (examples() / "cases.jsonl").string() + " x").status ==
      2);
}

TEST_CASE("dry-run stops at input it cannot read or a reply it cannot write, after printing "
          "every verdict before it") {
  const std::string cases = (examples() / "cases.jsonl").string();
  const std::string mailbox = (examples() / "mailbox").string();
  const std::size_t all = lines(run("dry-run --cases " + cases + " " + mailbox).out).size();
  REQUIRE(all == 7);

  SUBCASE("a mailbox that cannot be read, after one that can") {
    const Run r = run("dry-run --cases " + cases + " " + mailbox + " /nonexistent");
    CHECK(r.status == 1);
    CHECK(lines(r.out).size() == all);
  }
  SUBCASE("a reply file that cannot be written: the second message's (a directory is in the "
          "way)") {
    const std::filesystem::path dir = std::filesystem::current_path() / "blocked-replies";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir / "00002-await_fixes-E-2002.eml");
    const Run r =
        run("dry-run --replies-dir " + dir.string() + " --cases " + cases + " " + mailbox);
    CHECK(r.status == 1);
    const std::vector<nlohmann::json> got = lines(r.out);
    REQUIRE(got.size() == 2); // the message whose reply failed is printed, nothing after it
    CHECK(got[1]["action"] == "await_fixes");
    CHECK(std::filesystem::exists(dir / "00001-review-E-2001.eml"));
  }
}

TEST_CASE("dry-run prints the same whether its writer runs on a thread or inline on one CPU") {
  // On one CPU (the affinity mask, as taskset sets it) the verdicts are written inline; with more,
  // on a thread of their own. Both must print the same bytes and write the same replies.
  const std::string cases = (examples() / "cases.jsonl").string();
  const std::string mailbox = (examples() / "mailbox").string();
  for (const std::string format : {"jsonl", "table"}) {
    CAPTURE(format);
    const std::string args = "dry-run --format " + format + " --cases " + cases + " " + mailbox;
    const Run all = run(args);
    const Run one = run(args, "taskset -c 0 ");
    REQUIRE(all.status == 0);
    REQUIRE(one.status == 0);
    CHECK(one.out == all.out);
  }
}
