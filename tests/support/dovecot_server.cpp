#include "tests/support/dovecot_server.hpp"

#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace appeald::test {

namespace {

constexpr auto kStartTimeout = std::chrono::seconds(15);
constexpr const char* kDovecot = "/usr/sbin/dovecot";

// Post-login capabilities of Dovecot 2.3.19 without MOVE.
constexpr const char* kCapabilitiesWithoutMove =
    "IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT SORT=DISPLAY THREAD=REFERENCES "
    "THREAD=REFS THREAD=ORDEREDSUBJECT MULTIAPPEND URL-PARTIAL CATENATE UNSELECT CHILDREN "
    "NAMESPACE UIDPLUS LIST-EXTENDED I18NLEVEL=1 CONDSTORE QRESYNC ESEARCH ESORT SEARCHRES "
    "WITHIN CONTEXT=SEARCH LIST-STATUS BINARY LITERAL+";

std::string random_hex(std::size_t n) {
  std::random_device rd;
  std::string out;
  constexpr const char* digits = "0123456789abcdef";
  for (std::size_t i = 0; i < n; ++i) {
    out += digits[rd() % 16];
  }
  return out;
}

void write_file(const std::filesystem::path& path, std::string_view content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  if (!out) {
    throw std::runtime_error("cannot write " + path.string());
  }
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::pair<uid_t, gid_t> nobody_ids() {
  static const std::pair<uid_t, gid_t> ids = [] {
    const passwd* pw = ::getpwnam("nobody");
    const group* gr = ::getgrnam("nogroup");
    if (pw == nullptr || gr == nullptr) {
      throw std::runtime_error("DovecotServer needs the user nobody and the group nogroup");
    }
    return std::pair<uid_t, gid_t>{pw->pw_uid, gr->gr_gid};
  }();
  return ids;
}

void chown_nobody(const std::filesystem::path& path) {
  const auto [uid, gid] = nobody_ids();
  if (::chown(path.c_str(), uid, gid) != 0) {
    throw std::runtime_error("chown failed: " + path.string());
  }
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    out.push_back(line);
  }
  return out;
}

std::string percent_encode_path(std::string_view s) {
  std::string out;
  constexpr const char* hex = "0123456789ABCDEF";
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '/' || c == '-' || c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += hex[u >> 4];
      out += hex[u & 15];
    }
  }
  return out;
}

bool port_refuses(int port) {
  return !wait_for_port(port, std::chrono::milliseconds(1));
}

// Every process below `root` (Dovecot's services and the sessions they run), from /proc.
std::vector<int> descendants(int root) {
  std::multimap<int, int> children;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || !std::all_of(name.begin(), name.end(), ::isdigit)) {
      continue;
    }
    const std::string stat = read_file(entry.path() / "stat");
    const auto close = stat.rfind(')'); // the command name may hold spaces and parentheses
    if (close == std::string::npos) {
      continue;
    }
    std::istringstream fields(stat.substr(close + 1));
    std::string state;
    int ppid = 0;
    fields >> state >> ppid;
    children.emplace(ppid, std::stoi(name));
  }
  std::vector<int> out;
  std::vector<int> todo{root};
  while (!todo.empty()) {
    const int pid = todo.back();
    todo.pop_back();
    for (auto [it, end] = children.equal_range(pid); it != end; ++it) {
      out.push_back(it->second);
      todo.push_back(it->second);
    }
  }
  return out;
}

// The value column of a one-row `doveadm -f tab` table ("mailbox\tmessages\nINBOX\t5\n").
std::string tab_value(const std::vector<std::string>& lines) {
  if (lines.size() < 2) {
    throw std::runtime_error("doveadm printed no row");
  }
  return lines[1].substr(lines[1].rfind('\t') + 1);
}

} // namespace

DovecotServer::DovecotServer() : DovecotServer(DovecotOptions{}) {}

DovecotServer::DovecotServer(DovecotOptions options) {
  char tmpl[] = "/tmp/adv-XXXXXX";
  if (::mkdtemp(tmpl) == nullptr) {
    throw std::runtime_error("DovecotServer: mkdtemp failed");
  }
  dir_ = tmpl;
  try {
    // mkdtemp makes 0700; the mail user has to traverse it.
    std::filesystem::permissions(
        dir_, std::filesystem::perms::owner_all | std::filesystem::perms::group_read |
                  std::filesystem::perms::group_exec | std::filesystem::perms::others_read |
                  std::filesystem::perms::others_exec);
    std::filesystem::create_directories(dir_ / "mail");
    chown_nobody(dir_ / "mail");
    imap_port_ = free_loopback_port();
    do {
      imaps_port_ = free_loopback_port();
    } while (imaps_port_ == imap_port_);
    password_ = "pw-" + random_hex(16);
    write_file(dir_ / "passwd", user_ + ":{PLAIN}" + password_ + "::::::\n");
    std::string out;
    const int rc =
        run_command({"openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                     "ec_paramgen_curve:prime256v1", "-nodes", "-subj", "/CN=localhost", "-addext",
                     "subjectAltName=IP:127.0.0.1,DNS:localhost", "-days", "2", "-keyout",
                     (dir_ / "key.pem").string(), "-out", (dir_ / "cert.pem").string()},
                    &out);
    if (rc != 0) {
      throw std::runtime_error("openssl req failed: " + out);
    }
    write_config(options);
    start();
  } catch (...) {
    process_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
    throw;
  }
}

DovecotServer::~DovecotServer() {
  try {
    stop();
  } catch (...) {
    // A destructor must not throw; the ChildProcess destructor still kills the server.
  }
  process_.reset();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

void DovecotServer::write_config(const DovecotOptions& options) {
  config_ = dir_ / "dovecot.conf";
  const std::string d = dir_.string();
  std::ostringstream c;
  c << "base_dir = " << d << "/run\n"
    << "state_dir = " << d << "/state\n"
    << "instance_name = " << dir_.filename().string() << "\n"
    << "listen = 127.0.0.1\n"
    << "protocols = imap\n"
    << "ssl = yes\n"
    << "ssl_cert = <" << d << "/cert.pem\n"
    << "ssl_key = <" << d << "/key.pem\n"
    << "disable_plaintext_auth = no\n"
    << "auth_mechanisms = plain login\n"
    << "auth_failure_delay = 0\n"
    << "mail_uid = nobody\nmail_gid = nogroup\n"
    << "first_valid_uid = 65534\nlast_valid_uid = 65534\n"
    << "first_valid_gid = 65534\nlast_valid_gid = 65534\n"
    << "default_internal_user = nobody\ndefault_internal_group = nogroup\n"
    << "default_login_user = nobody\n"
    << "mail_location = maildir:" << d << "/mail/%u\n"
    << "mail_save_crlf = yes\n"
    << "mail_max_userip_connections = 1000\n"
    << "log_path = " << d << "/dovecot.log\n"
    << "info_log_path = " << d << "/dovecot.log\n"
    << "shutdown_clients = yes\n"
    << "passdb {\n  driver = passwd-file\n  args = scheme=PLAIN " << d << "/passwd\n}\n"
    << "userdb {\n  driver = static\n  args = uid=nobody gid=nogroup home=" << d << "/mail/%u\n}\n"
    << "namespace inbox {\n  inbox = yes\n  separator = /\n  prefix =\n}\n"
    << "service imap-login {\n"
    << "  inet_listener imap {\n    address = 127.0.0.1\n    port = " << imap_port_ << "\n  }\n"
    << "  inet_listener imaps {\n    address = 127.0.0.1\n    port = " << imaps_port_
    << "\n    ssl = yes\n  }\n}\n"
    << "service stats {\n  unix_listener stats-writer {\n    mode = 0666\n  }\n}\n";
  if (!options.advertise_move) {
    c << "protocol imap {\n  imap_capability = " << kCapabilitiesWithoutMove << "\n}\n";
  }
  write_file(config_, c.str());
}

std::filesystem::path DovecotServer::ca_file() const {
  return dir_ / "cert.pem";
}

std::string DovecotServer::imap_url(std::string_view mailbox) const {
  return "imap://127.0.0.1:" + std::to_string(imap_port_) + "/" + percent_encode_path(mailbox);
}

std::string DovecotServer::imaps_url(std::string_view mailbox) const {
  return "imaps://127.0.0.1:" + std::to_string(imaps_port_) + "/" + percent_encode_path(mailbox);
}

std::string DovecotServer::log() const {
  return read_file(dir_ / "dovecot.log");
}

void DovecotServer::start() {
  if (process_) {
    return;
  }
  process_.emplace(std::vector<std::string>{kDovecot, "-F", "-c", config_.string()},
                   dir_ / "master.out");
  if (!wait_for_port(imap_port_, kStartTimeout) || !wait_for_port(imaps_port_, kStartTimeout)) {
    process_.reset();
    throw std::runtime_error("dovecot did not start: " + read_file(dir_ / "master.out") +
                             read_file(dir_ / "dovecot.log"));
  }
}

void DovecotServer::stop() {
  if (!process_) {
    return;
  }
  // An outage, not a shutdown: Dovecot's sessions outlive a stopped master, so every process of
  // this instance (found by parent pid, never by name) is killed at once.
  const std::vector<int> below = descendants(process_->pid());
  process_->signal(SIGKILL);
  for (const int pid : below) {
    ::kill(pid, SIGKILL);
  }
  process_->wait(std::chrono::seconds(5));
  process_.reset();
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while ((!port_refuses(imap_port_) || !port_refuses(imaps_port_)) &&
         std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

std::string DovecotServer::doveadm(const std::vector<std::string>& args) {
  std::vector<std::string> argv{"doveadm", "-c", config_.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  std::string out;
  if (run_command(argv, &out) != 0) {
    std::string cmd;
    for (const auto& a : args) {
      cmd += " " + a;
    }
    throw std::runtime_error("doveadm" + cmd + " failed: " + out);
  }
  return out;
}

void DovecotServer::deliver(std::string_view folder, std::string_view raw) {
  const auto file = dir_ / ("deliver-" + std::to_string(++file_counter_) + ".eml");
  write_file(file, raw);
  std::string out;
  const int rc =
      run_command({"sh", "-c", "exec doveadm -c \"$1\" save -u \"$2\" -m \"$3\" < \"$4\"", "sh",
                   config_.string(), user_, std::string(folder), file.string()},
                  &out);
  std::filesystem::remove(file);
  if (rc != 0) {
    throw std::runtime_error("doveadm save failed: " + out);
  }
}

void DovecotServer::deliver_many(std::string_view folder, const std::vector<std::string>& raws) {
  uids(folder); // opens the mailbox, so Dovecot creates its directories as the mail user
  const auto box = mailbox_path(folder);
  for (const std::string& raw : raws) {
    // Maildir delivery: write under tmp/, then rename into new/. Names sort in delivery order.
    char name[64];
    std::snprintf(name, sizeof name, "1700000000.M%012llu.adv,S=%zu",
                  static_cast<unsigned long long>(++file_counter_), raw.size());
    // Plain POSIX calls: std::ofstream costs milliseconds a file under ASan.
    const std::string tmp = (box / "tmp" / name).string();
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
    const auto [uid, gid] = nobody_ids();
    if (fd < 0 || ::write(fd, raw.data(), raw.size()) != static_cast<ssize_t>(raw.size()) ||
        ::fchown(fd, uid, gid) != 0 || ::close(fd) != 0) {
      throw std::runtime_error("cannot write " + tmp);
    }
    std::filesystem::rename(box / "tmp" / name, box / "new" / name);
  }
  doveadm({"force-resync", "-u", user_, std::string(folder)});
}

void DovecotServer::create_folder(std::string_view folder) {
  doveadm({"mailbox", "create", "-u", user_, std::string(folder)});
}

std::filesystem::path DovecotServer::mailbox_path(std::string_view folder) {
  std::string out = doveadm({"mailbox", "path", "-u", user_, std::string(folder)});
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) {
    out.pop_back();
  }
  return out;
}

std::vector<std::uint32_t> DovecotServer::uids(std::string_view folder) {
  const auto lines = lines_of(
      doveadm({"-f", "tab", "fetch", "-u", user_, "uid", "mailbox", std::string(folder), "all"}));
  std::vector<std::uint32_t> out;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    if (!lines[i].empty()) {
      out.push_back(static_cast<std::uint32_t>(std::stoul(lines[i])));
    }
  }
  return out;
}

std::vector<std::string> DovecotServer::messages(std::string_view folder) {
  const std::vector<std::uint32_t> wanted = uids(folder); // also syncs the maildir
  const auto box = mailbox_path(folder);
  // dovecot-uidlist: a header line, then "UID [extensions] :base-name" per message.
  std::map<std::uint32_t, std::string> base_of;
  const auto uidlist = lines_of(read_file(box / "dovecot-uidlist"));
  for (std::size_t i = 1; i < uidlist.size(); ++i) {
    const auto colon = uidlist[i].find(" :");
    if (colon != std::string::npos) {
      base_of[static_cast<std::uint32_t>(std::stoul(uidlist[i]))] = uidlist[i].substr(colon + 2);
    }
  }
  std::map<std::string, std::filesystem::path> file_of;
  for (const char* sub : {"cur", "new"}) {
    if (!std::filesystem::exists(box / sub)) {
      continue;
    }
    for (const auto& entry : std::filesystem::directory_iterator(box / sub)) {
      const std::string name = entry.path().filename().string();
      file_of[name.substr(0, name.find(':'))] = entry.path();
    }
  }
  std::vector<std::string> out;
  for (const std::uint32_t uid : wanted) {
    const auto base = base_of.find(uid);
    if (base == base_of.end() || !file_of.contains(base->second)) {
      throw std::runtime_error("DovecotServer::messages: no file for uid " + std::to_string(uid));
    }
    out.push_back(read_file(file_of[base->second]));
  }
  return out;
}

std::size_t DovecotServer::count(std::string_view folder) {
  return std::stoul(tab_value(lines_of(
      doveadm({"-f", "tab", "mailbox", "status", "-u", user_, "messages", std::string(folder)}))));
}

std::vector<std::string> DovecotServer::flags(std::string_view folder) {
  const auto lines = lines_of(doveadm(
      {"-f", "tab", "fetch", "-u", user_, "uid flags", "mailbox", std::string(folder), "all"}));
  std::vector<std::string> out;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const auto tab = lines[i].find('\t');
    if (tab == std::string::npos) {
      continue;
    }
    std::istringstream words(lines[i].substr(tab + 1));
    std::string kept;
    for (std::string word; words >> word;) {
      if (word != "\\Recent") {
        kept += (kept.empty() ? "" : " ") + word;
      }
    }
    out.push_back(kept);
  }
  return out;
}

std::uint32_t DovecotServer::uidvalidity(std::string_view folder) {
  return static_cast<std::uint32_t>(std::stoul(tab_value(lines_of(doveadm(
      {"-f", "tab", "mailbox", "status", "-u", user_, "uidvalidity", std::string(folder)})))));
}

void DovecotServer::recreate_mailbox_same_messages(std::string_view folder) {
  const std::uint32_t next = uidvalidity(folder) + 1;
  doveadm({"mailbox", "update", "-u", user_, "--uid-validity", std::to_string(next),
           std::string(folder)});
}

std::vector<std::string> DovecotServer::folders() {
  std::vector<std::string> out;
  for (const auto& line : lines_of(doveadm({"mailbox", "list", "-u", user_}))) {
    if (!line.empty()) {
      out.push_back(line);
    }
  }
  return out;
}

std::vector<std::string> DovecotServer::subscribed_folders() {
  std::vector<std::string> out;
  for (const auto& line : lines_of(doveadm({"mailbox", "list", "-s", "-u", user_}))) {
    if (!line.empty()) {
      out.push_back(line);
    }
  }
  return out;
}

void DovecotServer::add_flag(std::string_view folder, std::uint32_t uid, std::string_view flag) {
  doveadm({"flags", "add", "-u", user_, std::string(flag), "mailbox", std::string(folder), "uid",
           std::to_string(uid)});
}

void DovecotServer::raise_next_uid(std::string_view folder, std::uint32_t uid) {
  doveadm({"mailbox", "update", "-u", user_, "--min-next-uid", std::to_string(uid),
           std::string(folder)});
}

} // namespace appeald::test
