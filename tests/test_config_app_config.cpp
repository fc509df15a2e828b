// app_config: every key is read into its field, defaults hold for what is absent, relative paths
// resolve against the config's directory, and every mistake (unknown key, wrong type, value out
// of range, a password in the body) is an error naming FILE:LINE:COL. validate_for_run adds what
// `run` needs. Files are written under cfg/ in the test's scratch directory.
#include "config/app_config.hpp"

#include "tests/test_support.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

using namespace appeald;
namespace fs = std::filesystem;

namespace {

const fs::path config_dir = "cfg";

// Writes `text` to cfg/<name> and loads it.
std::expected<config::AppConfig, std::string> load(const std::string& text,
                                                   const std::string& name = "app.toml") {
  fs::create_directories(config_dir);
  {
    std::ofstream out(config_dir / name, std::ios::binary | std::ios::trunc);
    out << text;
  }
  return config::load_config(config_dir / name);
}

std::string abs_in_config_dir(const std::string& rel) {
  return (fs::absolute(config_dir) / rel).lexically_normal().string();
}

const char* const full_config = R"([imap]
url = "imaps://imap.example.com:993/INBOX"
user = "imap-user"
password_file = "secrets/imap.pw"
processed_folder = "P"
review_folder = "R"
triage_folder = "T"
poll_interval_seconds = 45
ca_file = "/etc/ssl/extra.pem"
allow_plaintext = true
connect_timeout_seconds = 7
transfer_timeout_seconds = 70
[smtp]
url = "smtps://smtp.example.com:465"
user = "smtp-user"
password_file = "/etc/appeald/smtp.pw"
from = "Desk <desk@example.com>"
ca_file = "ca.pem"
allow_plaintext = true
connect_timeout_seconds = 8
transfer_timeout_seconds = 80
[store]
path = "state/appeald.db"
[audit]
path = "/var/log/x/audit.jsonl"
[policy]
rubric = "../rubric.toml"
templates = "/usr/share/t"
authserv_id = "mx.example.com"
max_auto_replies_per_case = 5
max_message_bytes = 1000
deadline_warning_hours = 48
probation_days = 7
notice_key_file = "keys/notice.key"
[limits]
max_header_bytes = 11
max_header_count = 12
max_line_bytes = 13
max_mime_depth = 14
max_parts = 15
max_text_bytes = 16
max_html_depth = 17
)";

std::string str(bool b) {
  return b ? "true" : "false";
}

struct FieldRow {
  std::string key;
  std::string actual;
  std::string expected;
};

} // namespace

TEST_CASE("every key of the contract and the extensions is read into its field") {
  const auto loaded = load(full_config);
  REQUIRE_MESSAGE(loaded.has_value(), loaded.error());
  const config::AppConfig& c = *loaded;
  const FieldRow rows[] = {
      {"imap.url", c.imap.url, "imaps://imap.example.com:993/INBOX"},
      {"imap.user", c.imap.user, "imap-user"},
      {"imap.password_file (relative)", c.imap.password_file, abs_in_config_dir("secrets/imap.pw")},
      {"imap.processed_folder", c.imap.processed_folder, "P"},
      {"imap.review_folder", c.imap.review_folder, "R"},
      {"imap.triage_folder", c.imap.triage_folder, "T"},
      {"imap.poll_interval_seconds", std::to_string(c.imap.poll_interval_seconds), "45"},
      {"imap.ca_file (absolute stays)", c.imap.ca_file, "/etc/ssl/extra.pem"},
      {"imap.allow_plaintext", str(c.imap.allow_plaintext), "true"},
      {"imap.connect_timeout_seconds", std::to_string(c.imap.connect_timeout_seconds), "7"},
      {"imap.transfer_timeout_seconds", std::to_string(c.imap.transfer_timeout_seconds), "70"},
      {"smtp.url", c.smtp.url, "smtps://smtp.example.com:465"},
      {"smtp.user", c.smtp.user, "smtp-user"},
      {"smtp.password_file", c.smtp.password_file, "/etc/appeald/smtp.pw"},
      {"smtp.from", c.from_address, "Desk <desk@example.com>"},
      {"smtp.ca_file (relative)", c.smtp.ca_file, abs_in_config_dir("ca.pem")},
      {"smtp.allow_plaintext", str(c.smtp.allow_plaintext), "true"},
      {"smtp.connect_timeout_seconds", std::to_string(c.smtp.connect_timeout_seconds), "8"},
      {"smtp.transfer_timeout_seconds", std::to_string(c.smtp.transfer_timeout_seconds), "80"},
      {"store.path (relative)", c.store_path, abs_in_config_dir("state/appeald.db")},
      {"audit.path", c.audit_path, "/var/log/x/audit.jsonl"},
      {"policy.rubric (relative, ..)", c.rubric_path,
       (fs::absolute(".") / "rubric.toml").lexically_normal().string()},
      {"policy.templates", c.templates_path, "/usr/share/t"},
      {"policy.authserv_id", c.authserv_id, "mx.example.com"},
      {"policy.max_auto_replies_per_case", std::to_string(c.max_auto_replies_per_case), "5"},
      {"policy.max_message_bytes", std::to_string(c.limits.max_message_bytes), "1000"},
      {"policy.deadline_warning_hours", std::to_string(c.deadline_warning_hours), "48"},
      {"policy.probation_days", std::to_string(c.probation_days), "7"},
      {"policy.notice_key_file (relative)", c.notice_key_file,
       abs_in_config_dir("keys/notice.key")},
      {"limits.max_header_bytes", std::to_string(c.limits.max_header_bytes), "11"},
      {"limits.max_header_count", std::to_string(c.limits.max_header_count), "12"},
      {"limits.max_line_bytes", std::to_string(c.limits.max_line_bytes), "13"},
      {"limits.max_mime_depth", std::to_string(c.limits.max_mime_depth), "14"},
      {"limits.max_parts", std::to_string(c.limits.max_parts), "15"},
      {"limits.max_text_bytes", std::to_string(c.limits.max_text_bytes), "16"},
      {"limits.max_html_depth", std::to_string(c.limits.max_html_depth), "17"},
      {"source", c.source.string(), abs_in_config_dir("app.toml")},
  };
  for (const auto& row : rows) {
    CAPTURE(row.key);
    CHECK(row.actual == row.expected);
  }
}

TEST_CASE("an empty config gives the documented defaults and loads without imap/smtp urls") {
  const auto loaded = load("");
  REQUIRE_MESSAGE(loaded.has_value(), loaded.error());
  const config::AppConfig& c = *loaded;
  const FieldRow rows[] = {
      {"imap.url", c.imap.url, ""},
      {"imap.user", c.imap.user, "enforcement"},
      {"imap.password_file", c.imap.password_file, ""},
      {"imap.processed_folder", c.imap.processed_folder, "Appeals/Processed"},
      {"imap.review_folder", c.imap.review_folder, "Appeals/Review"},
      {"imap.triage_folder", c.imap.triage_folder, "Appeals/Triage"},
      {"imap.poll_interval_seconds", std::to_string(c.imap.poll_interval_seconds), "30"},
      {"imap.allow_plaintext", str(c.imap.allow_plaintext), "false"},
      {"imap.connect_timeout_seconds", std::to_string(c.imap.connect_timeout_seconds), "30"},
      {"imap.transfer_timeout_seconds", std::to_string(c.imap.transfer_timeout_seconds), "120"},
      {"smtp.user", c.smtp.user, "enforcement"},
      {"smtp.from", c.from_address, ""},
      {"store.path", c.store_path, "/var/lib/appeald/appeald.db"},
      {"audit.path", c.audit_path, "/var/log/appeald/audit.jsonl"},
      {"policy.rubric ('' = shipped)", c.rubric_path, ""},
      {"policy.max_auto_replies_per_case", std::to_string(c.max_auto_replies_per_case), "3"},
      {"policy.deadline_warning_hours", std::to_string(c.deadline_warning_hours), "24"},
      {"policy.probation_days", std::to_string(c.probation_days), "14"},
      {"policy.notice_key_file", c.notice_key_file, ""},
      {"policy.max_message_bytes", std::to_string(c.limits.max_message_bytes), "26214400"},
      {"limits.max_parts", std::to_string(c.limits.max_parts), "1000"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.key);
    CHECK(row.actual == row.expected);
  }
}

TEST_CASE("mistakes are errors naming FILE:LINE:COL and the key") {
  struct Row {
    std::string what;
    const char* text;
    std::string expected;
  };
  const std::string f = (config_dir / "app.toml").string();
  const Row rows[] = {
      {"unknown key (typo)", "[imap]\nurll = \"imaps://x\"\n", f + ":2:1: unknown key imap.urll"},
      {"unknown table", "[imapp]\nurl = \"x\"\n", f + ":1:2: unknown table [imapp]"},
      {"unknown top-level key", "url = \"x\"\n", f + ":1:1: unknown key url"},
      {"nested table", "[imap.tls]\nx = 1\n", f + ":1:7: unknown key imap.tls"},
      {"table given as value", "imap = 3\n", f + ":1:8: imap must be a table"},
      {"string given a number", "[imap]\nuser = 5\n", f + ":2:8: imap.user must be a string"},
      {"integer given a string", "[imap]\npoll_interval_seconds = \"30\"\n",
       f + ":2:25: imap.poll_interval_seconds must be an integer"},
      {"integer given a float", "[imap]\npoll_interval_seconds = 30.0\n",
       f + ":2:25: imap.poll_interval_seconds must be an integer"},
      {"bool given a string", "[smtp]\nallow_plaintext = \"yes\"\n",
       f + ":2:19: smtp.allow_plaintext must be true or false"},
      {"poll interval 0", "[imap]\npoll_interval_seconds = 0\n",
       f + ":2:25: imap.poll_interval_seconds must be between 1 and 86400"},
      {"poll interval too long", "[imap]\npoll_interval_seconds = 86401\n",
       f + ":2:25: imap.poll_interval_seconds must be between 1 and 86400"},
      {"poll interval beyond int", "[imap]\npoll_interval_seconds = 9999999999\n",
       f + ":2:25: imap.poll_interval_seconds must be between 1 and 86400"},
      {"timeout 0", "[smtp]\nconnect_timeout_seconds = 0\n",
       f + ":2:27: smtp.connect_timeout_seconds must be between 1 and 3600"},
      {"auto replies negative", "[policy]\nmax_auto_replies_per_case = -1\n",
       f + ":2:29: policy.max_auto_replies_per_case must be between 0 and 100"},
      {"auto replies too many", "[policy]\nmax_auto_replies_per_case = 101\n",
       f + ":2:29: policy.max_auto_replies_per_case must be between 0 and 100"},
      {"deadline warning 0 hours", "[policy]\ndeadline_warning_hours = 0\n",
       f + ":2:26: policy.deadline_warning_hours must be between 1 and 720"},
      {"probation of a thousand days", "[policy]\nprobation_days = 1000\n",
       f + ":2:18: policy.probation_days must be between 1 and 365"},
      {"limit not positive", "[limits]\nmax_parts = 0\n",
       f + ":2:13: limits.max_parts must be a positive integer"},
      {"message bytes wrong type", "[policy]\nmax_message_bytes = \"big\"\n",
       f + ":2:21: policy.max_message_bytes must be a positive integer"},
      {"imap password in the body", "[imap]\npassword = \"hunter2\"\n",
       f + ":2:1: imap.password is not allowed: put the password in a file named by "
           "imap.password_file, or pass it with systemd LoadCredential=imap:PATH"},
      {"smtp password in the body", "[smtp]\npassword = \"hunter2\"\n",
       f + ":2:1: smtp.password is not allowed: put the password in a file named by "
           "smtp.password_file, or pass it with systemd LoadCredential=smtp:PATH"},
      {"TOML syntax", "[imap]\nurl = \n",
       f + ":2:7: Error while parsing key-value pair: expected value, saw '\\n'"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.what);
    const auto loaded = load(row.text);
    REQUIRE_FALSE(loaded.has_value());
    CHECK(loaded.error() == row.expected);
    CHECK(loaded.error().find("hunter2") == std::string::npos);
  }
}

TEST_CASE("an unreadable config names the file") {
  const auto loaded = config::load_config("cfg/does-not-exist.toml");
  REQUIRE_FALSE(loaded.has_value());
  CHECK(loaded.error() == "cfg/does-not-exist.toml: cannot read: No such file or directory");
}

TEST_CASE("validate_for_run requires the urls and from, with a known scheme") {
  struct Row {
    std::string what;
    std::string text;
    std::string expected; // "" = valid
  };
  const std::string f = abs_in_config_dir("app.toml");
  const std::string from = "from = \"Desk <desk@example.com>\"\n";
  const std::string imap = "[imap]\nurl = \"imaps://imap.example.com/INBOX\"\n";
  const std::string smtp = "[smtp]\nurl = \"smtps://smtp.example.com\"\n";
  const Row rows[] = {
      {"complete", (imap + smtp + from), ""},
      {"plain schemes, any case",
       "[imap]\nurl = \"IMAP://127.0.0.1:1143/INBOX\"\n[smtp]\nurl = "
       "\"smtp://127.0.0.1:2525\"\nfrom = \"d@example.com\"\n",
       ""},
      {"dry-run config", "[policy]\nauthserv_id = \"mx\"\n", f + ": imap.url is required"},
      {"no smtp url", (imap + "[smtp]\n" + from), f + ": smtp.url is required"},
      {"no from", (imap + smtp), f + ": smtp.from is required"},
      {"from without address", (imap + smtp + "from = \"Desk\"\n"),
       f + ": smtp.from has no email address"},
      {"imap url with smtp scheme", "[imap]\nurl = \"smtps://x\"\n",
       f + ": imap.url must start with imap:// or imaps://"},
      {"smtp url with http scheme", (imap + "[smtp]\nurl = \"https://x\"\n" + from),
       f + ": smtp.url must start with smtp:// or smtps://"},
      {"imap url without host", "[imap]\nurl = \"imaps://\"\n", f + ": imap.url has no host"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.what);
    const auto loaded = load(row.text);
    REQUIRE_MESSAGE(loaded.has_value(), loaded.error());
    const auto valid = config::validate_for_run(*loaded);
    CHECK(valid.has_value() == row.expected.empty());
    if (!valid) {
      CHECK(valid.error() == row.expected);
    }
  }
}

TEST_CASE("the sample config loads, and its commented defaults are the real defaults") {
  const std::string sample =
      test::read_file(fs::path(APPEALD_TEST_DATA) / "../../config/appeald.toml.sample");
  const auto as_shipped = load(sample, "sample.toml");
  REQUIRE_MESSAGE(as_shipped.has_value(), as_shipped.error());
  CHECK(config::validate_for_run(*as_shipped).has_value());

  // Uncomment every "#key = value" line: the values must be the built-in defaults.
  const std::string uncommented =
      std::regex_replace(sample, std::regex("^#([a-z_]+ = )", std::regex::multiline), "$1");
  CHECK(uncommented != sample);
  const auto loaded = load(uncommented, "sample.toml");
  REQUIRE_MESSAGE(loaded.has_value(), loaded.error());
  const config::AppConfig& c = *loaded;
  const config::AppConfig d;
  const FieldRow rows[] = {
      {"imap.user", c.imap.user, d.imap.user},
      {"imap.password_file", c.imap.password_file, d.imap.password_file},
      {"imap.processed_folder", c.imap.processed_folder, d.imap.processed_folder},
      {"imap.review_folder", c.imap.review_folder, d.imap.review_folder},
      {"imap.triage_folder", c.imap.triage_folder, d.imap.triage_folder},
      {"imap.poll_interval_seconds", std::to_string(c.imap.poll_interval_seconds),
       std::to_string(d.imap.poll_interval_seconds)},
      {"imap.ca_file", c.imap.ca_file, d.imap.ca_file},
      {"imap.allow_plaintext", str(c.imap.allow_plaintext), str(d.imap.allow_plaintext)},
      {"imap.transfer_timeout_seconds", std::to_string(c.imap.transfer_timeout_seconds),
       std::to_string(d.imap.transfer_timeout_seconds)},
      {"smtp.user", c.smtp.user, d.smtp.user},
      {"smtp.connect_timeout_seconds", std::to_string(c.smtp.connect_timeout_seconds),
       std::to_string(d.smtp.connect_timeout_seconds)},
      {"store.path", c.store_path, d.store_path},
      {"audit.path", c.audit_path, d.audit_path},
      {"policy.rubric", c.rubric_path, d.rubric_path},
      {"policy.authserv_id", c.authserv_id, d.authserv_id},
      {"policy.max_auto_replies_per_case", std::to_string(c.max_auto_replies_per_case),
       std::to_string(d.max_auto_replies_per_case)},
      {"policy.max_message_bytes", std::to_string(c.limits.max_message_bytes),
       std::to_string(d.limits.max_message_bytes)},
      {"limits.max_header_bytes", std::to_string(c.limits.max_header_bytes),
       std::to_string(d.limits.max_header_bytes)},
      {"limits.max_html_depth", std::to_string(c.limits.max_html_depth),
       std::to_string(d.limits.max_html_depth)},
  };
  for (const auto& row : rows) {
    CAPTURE(row.key);
    CHECK(row.actual == row.expected);
  }
  // Every key the loader knows appears in the sample (a new key must be documented there).
  for (const std::string key : {"url",
                                "user",
                                "password_file",
                                "processed_folder",
                                "review_folder",
                                "triage_folder",
                                "poll_interval_seconds",
                                "ca_file",
                                "allow_plaintext",
                                "connect_timeout_seconds",
                                "transfer_timeout_seconds",
                                "from",
                                "path",
                                "rubric",
                                "templates",
                                "authserv_id",
                                "max_auto_replies_per_case",
                                "max_message_bytes",
                                "deadline_warning_hours",
                                "probation_days",
                                "notice_key_file",
                                "max_header_bytes",
                                "max_header_count",
                                "max_line_bytes",
                                "max_mime_depth",
                                "max_parts",
                                "max_text_bytes",
                                "max_html_depth"}) {
    CAPTURE(key);
    CHECK(std::regex_search(uncommented, std::regex(std::string("\n") + key + " = ")));
  }
}
