#include "tests/support/daemon_harness.hpp"

#include "parsers/mailbox_reader.hpp"

#include <sys/stat.h>

#include <cctype>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace appeald::test {

namespace {

void write_text(const std::filesystem::path& p, std::string_view text, int mode = 0644) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  ::chmod(p.c_str(), static_cast<mode_t>(mode));
}

std::filesystem::path fresh_dir() {
  char tmpl[] = "/tmp/appeald-e2e-XXXXXX";
  if (::mkdtemp(tmpl) == nullptr) {
    throw std::runtime_error("mkdtemp failed");
  }
  return tmpl;
}

} // namespace

DaemonHarness::DaemonHarness(HarnessOptions options)
    : options_(std::move(options)), dir_(fresh_dir()) {
  write_config();
  write_text(dir_ / "cases.jsonl", options_.cases_jsonl);
  std::string out;
  if (appeald({"cases", "import", (dir_ / "cases.jsonl").string()}, &out) != 0) {
    throw std::runtime_error("cases import failed: " + out);
  }
}

DaemonHarness::~DaemonHarness() {
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

void DaemonHarness::write_config() {
  write_text(dir_ / "imap.password", imap_.password() + "\n", 0600);
  // The HMAC key of notice Message-IDs (`appeald notice send`); any 16+ bytes, owner-only.
  write_text(dir_ / "notice.key", "harness-notice-key-0123456789abcdef\n", 0600);
  std::ostringstream c;
  c << "[imap]\n"
    << "url = \"" << (options_.imaps ? imap_.imaps_url() : imap_.imap_url()) << "\"\n"
    << "ca_file = \"" << (options_.imaps ? imap_.ca_file().string() : std::string()) << "\"\n"
    << "user = \"" << imap_.user() << "\"\n"
    << "password_file = \"imap.password\"\n"
    << "poll_interval_seconds = " << options_.poll_interval_seconds << "\n"
    << "connect_timeout_seconds = 3\n"
    << "transfer_timeout_seconds = 20\n"
    << "[smtp]\n"
    << "url = \"" << smtp_.url() << "\"\n"
    << "user = \"\"\n"
    << "from = \"" << options_.from << "\"\n"
    << "connect_timeout_seconds = 3\n"
    << "transfer_timeout_seconds = 20\n"
    << "[store]\npath = \"state/appeald.db\"\n"
    << "[audit]\npath = \"log/audit.jsonl\"\n"
    << "[policy]\nmax_auto_replies_per_case = " << options_.max_auto_replies_per_case << "\n"
    << "notice_key_file = \"notice.key\"\n";
  write_text(config_path(), c.str());
}

std::size_t DaemonHarness::deliver_mbox(const std::filesystem::path& mbox) {
  auto reader = parsers::open_mailbox(mbox.string(), 64 << 20);
  if (!reader) {
    throw std::runtime_error(reader.error());
  }
  std::size_t n = 0;
  while (auto raw = (*reader)->next()) {
    imap_.deliver("INBOX", raw->bytes);
    ++n;
  }
  return n;
}

int DaemonHarness::run_once(std::string* output) {
  return run_command({APPEALD_BINARY, "run", "--config", config_path().string(), "--once"}, output);
}

int DaemonHarness::appeald(std::vector<std::string> args, std::string* output) {
  args.insert(args.begin(), APPEALD_BINARY);
  args.push_back("--config");
  args.push_back(config_path().string());
  return run_command(args, output);
}

ChildProcess DaemonHarness::start_daemon() {
  return ChildProcess({APPEALD_BINARY, "run", "--config", config_path().string()},
                      dir_ / "daemon.log");
}

std::string DaemonHarness::daemon_log() const {
  std::ifstream in(dir_ / "daemon.log", std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<nlohmann::json> DaemonHarness::audit() const {
  std::vector<nlohmann::json> out;
  std::ifstream in(audit_path());
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) {
      out.push_back(nlohmann::json::parse(line));
    }
  }
  return out;
}

std::map<std::string, std::size_t> DaemonHarness::folder_counts() {
  std::map<std::string, std::size_t> out;
  for (const char* f : {"INBOX", "Appeals/Processed", "Appeals/Review", "Appeals/Triage"}) {
    out[f] = imap_.count(f);
  }
  return out;
}

std::string header_of(std::string_view raw, std::string_view name) {
  std::istringstream in{std::string(raw)};
  std::string line;
  std::string value;
  bool in_header = false;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    if (line.empty()) {
      break;
    }
    if (in_header && (line[0] == ' ' || line[0] == '\t')) {
      value += line;
      continue;
    }
    if (in_header) {
      break;
    }
    const auto colon = line.find(':');
    if (colon != std::string::npos && colon == name.size()) {
      bool same = true;
      for (std::size_t i = 0; i < name.size(); ++i) {
        same = same && std::tolower(static_cast<unsigned char>(line[i])) ==
                           std::tolower(static_cast<unsigned char>(name[i]));
      }
      if (same) {
        in_header = true;
        value = line.substr(colon + 1);
      }
    }
  }
  const auto first = value.find_first_not_of(" \t");
  return first == std::string::npos ? "" : value.substr(first);
}

} // namespace appeald::test
