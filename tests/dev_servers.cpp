// `appeald-dev-servers DIR`: the test suite's private Dovecot and SMTP sink, started by hand for
// trying appeald out (the README's walk-through). Writes DIR/appeald.toml pointing at both (plus
// the password and notice key files beside it), prints how to deliver mail, and copies every
// mail the sink accepts to DIR/sent/NNN.eml as it arrives. Runs until SIGINT or SIGTERM, then
// stops both servers. Loopback only, like the tests.
#include "tests/support/dovecot_server.hpp"
#include "tests/support/smtp_sink.hpp"

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>

namespace {

std::atomic<bool> stopping{false};

void on_signal(int) {
  stopping = true;
}

void write_file(const std::filesystem::path& path, const std::string& text,
                std::filesystem::perms perms = std::filesystem::perms::owner_read |
                                               std::filesystem::perms::owner_write) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
  std::filesystem::permissions(path, perms);
}

std::string config_text(const appeald::test::DovecotServer& imap,
                        const appeald::test::SmtpSink& smtp) {
  return "[imap]\n"
         "url = \"" +
         imap.imap_url() + "\"\nuser = \"" + imap.user() +
         "\"\npassword_file = \"imap.password\"\npoll_interval_seconds = 5\n"
         "[smtp]\nurl = \"" +
         smtp.url() +
         "\"\nuser = \"\"\nfrom = \"Enforcement Team <enforcement@appeals.test>\"\n"
         "[store]\npath = \"state/appeald.db\"\n"
         "[audit]\npath = \"log/audit.jsonl\"\n"
         "[policy]\nnotice_key_file = \"notice.key\"\n";
}

} // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: appeald-dev-servers DIR\n";
    return 2;
  }
  const std::filesystem::path dir = std::filesystem::absolute(argv[1]);
  try {
    std::filesystem::create_directories(dir / "sent");
    appeald::test::DovecotServer imap;
    appeald::test::SmtpSink smtp;
    write_file(dir / "imap.password", imap.password() + "\n");
    write_file(dir / "notice.key", "dev-servers-notice-key-change-me-0123456789\n");
    write_file(dir / "appeald.toml", config_text(imap, smtp),
               std::filesystem::perms::owner_read | std::filesystem::perms::owner_write |
                   std::filesystem::perms::group_read | std::filesystem::perms::others_read);
    std::cout << "config:  " << (dir / "appeald.toml").string() << '\n'
              << "imap:    " << imap.imap_url() << " (user " << imap.user() << ", password in "
              << (dir / "imap.password").string() << ")\n"
              << "smtp:    " << smtp.url() << " (every mail accepted is copied to "
              << (dir / "sent").string() << ")\n"
              << "deliver: curl -s -T MESSAGE.eml --user " << imap.user() << ":" << imap.password()
              << " '" << imap.imap_url() << "'\n"
              << "Ctrl-C stops both servers.\n"
              << std::flush;

    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    std::size_t copied = 0;
    while (!stopping) {
      const auto sent = smtp.messages();
      for (; copied < sent.size(); ++copied) {
        char name[32];
        std::snprintf(name, sizeof name, "%03zu.eml", copied + 1);
        write_file(dir / "sent" / name, sent[copied].data);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  } catch (const std::exception& e) {
    std::cerr << "appeald-dev-servers: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
