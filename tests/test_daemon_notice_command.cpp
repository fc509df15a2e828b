// `appeald notice send`, end to end: the built binary with a config, a notice key and a store in
// a scratch directory. Usage errors exit 2 before anything is written; a case that exists and a
// missing or exposed key exit 1; a notice records its case, queues one "notice" mail in the
// outbox and audits notice_queued; and with a real SMTP sink, `run --once` sends exactly that
// notice and audits notice_sent.
#include "appeals/notice_id.hpp"
#include "store/database.hpp"
#include "store/outbox_repository.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/daemon_harness.hpp"
#include "tests/test_support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <vector>

using namespace appeald;
namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace {

const std::string notice_key = "0123456789abcdef-test-notice-key";

void write(const fs::path& path, const std::string& text, fs::perms perms = fs::perms(0644)) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
  fs::permissions(path, perms);
}

// A scratch directory with c.toml (store x.db, audit audit.jsonl, probation_days = 10) and a
// notice key readable by its owner only.
struct Desk {
  fs::path dir;
  fs::path config;

  explicit Desk(const std::string& name, const std::string& policy = "notice_key_file = "
                                                                     "\"notice.key\"\n")
      : dir(fs::absolute(name)), config(dir / "c.toml") {
    fs::remove_all(dir);
    fs::create_directories(dir);
    write(config, "[smtp]\nfrom = \"Enforcement Team <enforcement@example.com>\"\n"
                  "[store]\npath = \"x.db\"\n[audit]\npath = \"audit.jsonl\"\n"
                  "[policy]\nprobation_days = 10\n" +
                      policy);
    write(dir / "notice.key", notice_key + "\n", fs::perms(0600));
  }

  store::Database open() const {
    auto db = store::Database::open(dir / "x.db");
    REQUIRE(db.has_value());
    return std::move(*db);
  }
  std::vector<Json> audit() const {
    std::vector<Json> out;
    std::ifstream in(dir / "audit.jsonl");
    for (std::string line; std::getline(in, line);) {
      out.push_back(Json::parse(line));
    }
    return out;
  }
};

struct Result {
  int rc;
  std::string output; // stdout and stderr together
};

using Options = std::map<std::string, std::string>; // "--case" -> "C-1"; "" value: left out

Options base_options() {
  return {
      {"--case", "C-1"},     {"--account", "111122223333"}, {"--address", "ops@customer.example"},
      {"--issue", "bounce"}, {"--kind", "probation"},       {"--sent-at", "2026-11-01T10:00:00Z"}};
}

Result appeald(const std::vector<std::string>& args, const std::vector<std::string>& env = {}) {
  std::vector<std::string> argv = {APPEALD_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  Result r;
  r.rc = test::run_command(argv, &r.output, env);
  return r;
}

Result send(const Desk& d, const Options& overrides = {},
            const std::vector<std::string>& extra = {}, const std::vector<std::string>& env = {}) {
  Options options = base_options();
  for (const auto& [name, value] : overrides) {
    options[name] = value;
  }
  std::vector<std::string> args = {"notice", "send", "--config", d.config.string()};
  for (const auto& [name, value] : options) {
    if (value != "\x01") { // the marker for "leave the option out"
      args.push_back(name);
      args.push_back(value);
    }
  }
  args.insert(args.end(), extra.begin(), extra.end());
  return appeald(args, env);
}

Json cases_json(const Desk& d) {
  const Result r = appeald({"cases", "list", "--json", "--config", d.config.string()});
  REQUIRE_MESSAGE(r.rc == 0, r.output);
  return Json::parse(r.output);
}

std::string expected_id(const std::string& case_id) {
  return appeals::notice_message_id(case_id, notice_key, "example.com");
}

const std::string omit = "\x01";

} // namespace

TEST_CASE("usage errors exit 2 with one line, and nothing is recorded") {
  const Desk d("usage");
  struct Row {
    std::string what;
    Options overrides;
    std::string expected; // the whole output, or its start when it ends with "..."
  };
  const Row rows[] = {
      {"unknown kind",
       {{"--kind", "warning"}},
       "appeald notice: --kind must be probation or suspension (got \"warning\")\n"},
      {"unknown issue",
       {{"--issue", "spam"}},
       "appeald notice: --issue must be bounce, complaint, unsolicited or other (got \"spam\")\n"},
      {"a case id with a space",
       {{"--case", "C 1"}},
       "appeald notice: --case \"C 1\" is not a valid case id: 1-64 of A-Z a-z 0-9 . _ -, not "
       "starting with '.'\n"},
      {"a case id starting with a dot",
       {{"--case", ".C1"}},
       "appeald notice: --case \".C1\" is not a valid case id..."},
      {"a case id too long",
       {{"--case", std::string(65, 'c')}},
       "appeald notice: --case \"" + std::string(65, 'c') + "\" is not a valid case id..."},
      {"an empty account",
       {{"--account", ""}},
       "appeald notice: --account must be 1-128 printable characters\n"},
      {"an address with a display name",
       {{"--address", "Ops <ops@customer.example>"}},
       "appeald notice: --address \"Ops <ops@customer.example>\" is not one email address "
       "(user@domain, no spaces)\n"},
      {"two addresses",
       {{"--address", "a@customer.example,b@customer.example"}},
       "appeald notice: --address \"a@customer.example,b@customer.example\" is not one email "
       "address..."},
      {"an address with a space",
       {{"--address", "ops @customer.example"}},
       "appeald notice: --address \"ops @customer.example\" is not one email address..."},
      {"an address with CR LF",
       {{"--address", "ops@customer.example\r\nBcc: x@evil.example"}},
       "appeald notice: --address \"ops@customer.example Bcc: x@evil.example\" is not one email "
       "address..."},
      {"a bad representative",
       {{"--representative", "rep at agency"}},
       "appeald notice: --representative \"rep at agency\" is not one email address..."},
      {"a deadline that is no time",
       {{"--deadline", "next week"}},
       "appeald notice: --deadline \"next week\" is not an RFC 3339 time\n"},
      {"a deadline before the sending time",
       {{"--deadline", "2026-10-30T00:00:00Z"}},
       "appeald notice: --deadline must be after the sending time (2026-11-01T10:00:00Z)\n"},
      {"a deadline at the sending time",
       {{"--deadline", "2026-11-01T10:00:00Z"}},
       "appeald notice: --deadline must be after the sending time (2026-11-01T10:00:00Z)\n"},
      {"a sending time that is no time",
       {{"--sent-at", "yesterday"}},
       "appeald notice: --sent-at \"yesterday\" is not an RFC 3339 time\n"},
      {"a sending time in the future",
       {{"--sent-at", "2999-01-01T00:00:00Z"}},
       "appeald notice: --sent-at must not be in the future\n"},
      {"a blank reviewer",
       {{"--reviewer", "  "}},
       "appeald notice: --reviewer must not be empty\n"},
      {"no --case (CLI11)", {{"--case", omit}}, "appeald: --case is required..."},
      {"no --kind (CLI11)", {{"--kind", omit}}, "appeald: --kind is required..."},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    const Result r = send(d, row.overrides);
    CAPTURE(r.output);
    CHECK(r.rc == 2);
    if (row.expected.ends_with("...")) {
      CHECK(r.output.starts_with(row.expected.substr(0, row.expected.size() - 3)));
      CHECK(test::lines_of(r.output).size() == 1);
    } else {
      CHECK(r.output == row.expected);
    }
  }
  CHECK(cases_json(d).empty());
  CHECK_FALSE(fs::exists(d.dir / "audit.jsonl"));
}

TEST_CASE("a case that exists, a missing key and an exposed key are refused with exit 1") {
  SUBCASE("the case id is already in the store") {
    const Desk d("duplicate");
    REQUIRE(send(d).rc == 0);
    const Result r = send(d, {{"--account", "999"}, {"--sent-at", "2026-11-02T10:00:00Z"}});
    CHECK(r.rc == 1);
    CHECK(r.output == "appeald notice: case C-1 already exists (sent 2026-11-01T10:00:00Z)\n");
    const Json cases = cases_json(d);
    REQUIRE(cases.size() == 1);
    CHECK(cases[0]["account"] == "111122223333");
    CHECK(d.open().sql().execAndGet("SELECT count(*) FROM outbox").getInt() == 1);
  }
  struct Row {
    std::string what;
    std::string policy;                // [policy] lines
    std::optional<fs::perms> key_mode; // chmod of notice.key
    std::string expected_end;
  };
  const Row rows[] = {
      {"no key configured", "", std::nullopt,
       "no notice key: set [policy] notice_key_file or pass the notice_key credential\n"},
      {"a key file that is not there", "notice_key_file = \"absent.key\"\n", std::nullopt,
       "absent.key: cannot read: No such file or directory\n"},
      {"a group-readable key", "notice_key_file = \"notice.key\"\n", fs::perms(0640),
       "notice.key: readable by group or others: chmod 600 it\n"},
      {"a world-readable key", "notice_key_file = \"notice.key\"\n", fs::perms(0644),
       "notice.key: readable by group or others: chmod 600 it\n"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    const Desk d("key", row.policy);
    if (row.key_mode) {
      fs::permissions(d.dir / "notice.key", *row.key_mode);
    }
    const Result r = send(d);
    CAPTURE(r.output);
    CHECK(r.rc == 1);
    CHECK(r.output.starts_with("appeald notice: "));
    CHECK(r.output.ends_with(row.expected_end));
    CHECK(r.output.find(notice_key) == std::string::npos);
    CHECK(cases_json(d).empty());
  }
  SUBCASE("the systemd credential serves when no key file is set") {
    const Desk d("credential", "");
    fs::create_directories(d.dir / "creds");
    write(d.dir / "creds" / "notice_key", notice_key + "\n", fs::perms(0400));
    const Result r = send(d, {}, {}, {"CREDENTIALS_DIRECTORY=" + (d.dir / "creds").string()});
    CHECK_MESSAGE(r.rc == 0, r.output);
    CHECK(r.output.find(expected_id("C-1")) != std::string::npos);
  }
  SUBCASE("an unreadable config") {
    const Desk d("noconfig");
    fs::remove(d.config);
    const Result r = send(d);
    CHECK(r.rc == 1);
    CHECK(r.output.starts_with("appeald notice: "));
    CHECK(test::lines_of(r.output).size() == 1);
  }
}

TEST_CASE("a notice records its case, queues one notice mail and is audited") {
  const Desk d("success");
  const Result r =
      send(d, {{"--representative", "Rep@Agency.example"}, {"--address", "Ops@Customer.example"}},
           {"--reviewer", "alice"});
  REQUIRE_MESSAGE(r.rc == 0, r.output);
  const std::string mid = expected_id("C-1");
  CHECK(r.output == "queued probation notice " + mid +
                        " for C-1 to ops@customer.example (cc rep@agency.example); deadline "
                        "2026-11-11 10:00 UTC; the running daemon (or the next `appeald run "
                        "--once`) sends it.\n");

  const Json cases = cases_json(d);
  REQUIRE(cases.size() == 1);
  CHECK(cases[0]["case"] == "C-1");
  CHECK(cases[0]["account"] == "111122223333");
  CHECK(cases[0]["address"] == "ops@customer.example");
  CHECK(cases[0]["kind"] == "probation");
  CHECK(cases[0]["issue"] == "bounce");
  CHECK(cases[0]["sent_at"] == "2026-11-01T10:00:00Z");
  CHECK(cases[0]["deadline"] == "2026-11-11T10:00:00Z"); // probation_days = 10
  CHECK(cases[0]["representative"] == "rep@agency.example");
  CHECK(cases[0]["state"] == "open");

  store::Database db = d.open();
  const auto counts = store::outbox_counts(db);
  for (const auto& [state, n] : counts) {
    CAPTURE(state);
    CHECK(n == (state == "queued" ? 1 : 0));
  }
  CHECK(counts.contains("queued"));
  const auto entry = store::find_outbox(db, mid);
  REQUIRE(entry.has_value());
  CHECK(entry->case_id == "C-1");
  CHECK(entry->kind == "notice");
  CHECK(entry->envelope_from == "enforcement@example.com");
  CHECK(entry->recipients ==
        std::vector<std::string>{"ops@customer.example", "rep@agency.example"});
  CHECK(
      entry->bytes.find("Subject: [C-1] Your account 111122223333 is on probation: bounces\r\n") !=
      std::string::npos);
  CHECK(entry->bytes.find("Auto-Submitted") == std::string::npos);

  const std::vector<Json> audit = d.audit();
  REQUIRE(audit.size() == 1);
  CHECK(audit[0]["event"] == "notice_queued");
  CHECK(audit[0]["case"] == "C-1");
  CHECK(audit[0]["message_id"] == mid);
  CHECK(audit[0]["action"] == "probation");
  CHECK(audit[0]["reason"] ==
        "probation notice for account 111122223333 (bounce), deadline 2026-11-11 10:00 UTC");
  CHECK(audit[0]["actor"] == "alice");
}

TEST_CASE("--json prints what was queued; a suspension has no deadline unless given") {
  const Desk d("json");
  struct Row {
    std::string what;
    Options overrides;
    Json deadline;
    Json representative;
    std::string subject;
  };
  const Row rows[] = {
      {"a suspension without a deadline",
       {{"--case", "C-2"}, {"--kind", "suspension"}, {"--issue", "complaint"}},
       nullptr,
       nullptr,
       "[C-2] Your account 111122223333 has been suspended: spam complaints"},
      {"a suspension with a deadline",
       {{"--case", "C-3"},
        {"--kind", "suspension"},
        {"--deadline", "2026-12-01T00:00:00Z"},
        {"--representative", "rep@agency.example"}},
       "2026-12-01T00:00:00Z",
       "rep@agency.example",
       "[C-3] Your account 111122223333 has been suspended: bounces"},
      {"a probation with its own deadline",
       {{"--case", "C-4"}, {"--deadline", "2026-11-20T12:00:00+01:00"}, {"--issue", "other"}},
       "2026-11-20T12:00:00+01:00",
       nullptr,
       "[C-4] Your account 111122223333 is on probation: policy violation"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    const Result r = send(d, row.overrides, {"--json"});
    REQUIRE_MESSAGE(r.rc == 0, r.output);
    const Json j = Json::parse(r.output);
    const std::string id = row.overrides.at("--case");
    CHECK(j["case"] == id);
    CHECK(j["kind"] ==
          (row.overrides.contains("--kind") ? row.overrides.at("--kind") : "probation"));
    CHECK(j["issue"] ==
          (row.overrides.contains("--issue") ? row.overrides.at("--issue") : "bounce"));
    CHECK(j["account"] == "111122223333");
    CHECK(j["address"] == "ops@customer.example");
    CHECK(j["representative"] == row.representative);
    CHECK(j["deadline"] == row.deadline);
    CHECK(j["message_id"] == expected_id(id));
    CHECK(j["subject"] == row.subject);
    CHECK(j["outbox"] == "queued");
  }
  CHECK(cases_json(d).size() == 3);
  // Without --reviewer the actor is the operator's login name (or $USER), never empty.
  for (const Json& e : d.audit()) {
    CHECK(e["event"] == "notice_queued");
    CHECK_FALSE(e["actor"].get<std::string>().empty());
  }
}

TEST_CASE("run --once sends the queued notice, and the audit log has notice_sent") {
  test::DaemonHarness h({});
  // Our key in the harness's notice.key, which its config names; [policy] is its last table.
  write(h.dir() / "notice.key", notice_key + "\n", fs::perms(0600));
  if (test::read_file(h.config_path()).find("notice_key_file") == std::string::npos) {
    std::ofstream(h.config_path(), std::ios::app) << "notice_key_file = \"notice.key\"\n";
  }

  std::string out;
  REQUIRE_MESSAGE(h.appeald({"notice", "send", "--case", "C-9", "--account", "4242", "--address",
                             "ops@customer.example", "--issue", "unsolicited", "--kind",
                             "probation", "--representative", "rep@agency.example"},
                            &out) == 0,
                  out);
  CHECK(h.smtp().messages().empty()); // queued, not sent
  REQUIRE_MESSAGE(h.run_once(&out) == 0, out);

  const auto sent = h.smtp().messages();
  REQUIRE(sent.size() == 1);
  const auto& m = sent[0];
  const std::string mid = appeals::notice_message_id("C-9", notice_key, "appeals.test");
  CHECK(test::header_of(m.data, "Message-ID") == mid);
  CHECK(test::header_of(m.data, "Subject") ==
        "[C-9] Your account 4242 is on probation: unsolicited mail");
  CHECK(test::header_of(m.data, "To") == "ops@customer.example");
  CHECK(test::header_of(m.data, "Cc") == "rep@agency.example");
  CHECK(test::header_of(m.data, "Auto-Submitted").empty());
  CHECK(m.mail_from == "enforcement@appeals.test");
  CHECK(m.rcpt_tos == std::vector<std::string>{"ops@customer.example", "rep@agency.example"});

  bool queued = false;
  bool notice_sent = false;
  for (const Json& e : h.audit()) {
    if (e["event"] == "notice_queued" && e["message_id"] == mid) {
      queued = true;
    }
    if (e["event"] == "notice_sent" && e["message_id"] == mid && e["case"] == "C-9") {
      notice_sent = true;
    }
  }
  CHECK(queued);
  CHECK(notice_sent);
  // A second run sends nothing more.
  REQUIRE(h.run_once() == 0);
  CHECK(h.smtp().messages().size() == 1);
}
