#pragma once
// A private Dovecot 2.3 for integration tests: its own state directory under /tmp (short, because
// unix socket paths are limited to ~108 bytes), a standalone config, a self-signed certificate
// made at start, one passwd-file user, maildir storage, IMAP and IMAPS on free ports of 127.0.0.1
// only. Dovecot runs in the foreground (`dovecot -F`) as a ChildProcess; mail is owned by
// `nobody`, since Dovecot refuses to handle mail as root. The destructor stops it and removes the
// directory. The certificate has a P-256 key (RSA key generation takes up to a second). Every
// failure to set up or to run doveadm throws std::runtime_error.
#include "tests/support/child_process.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace appeald::test {

struct DovecotOptions {
  // When false the server hides the MOVE capability (it still understands the command), so a
  // client has to fall back to COPY + STORE + EXPUNGE.
  bool advertise_move = true;
};

class DovecotServer {
public:
  DovecotServer();
  explicit DovecotServer(DovecotOptions options);
  DovecotServer(const DovecotServer&) = delete;
  DovecotServer& operator=(const DovecotServer&) = delete;
  ~DovecotServer();

  int imap_port() const { return imap_port_; }
  int imaps_port() const { return imaps_port_; }
  std::string user() const { return user_; }
  std::string password() const { return password_; }
  // The self-signed certificate (CN=localhost, SAN 127.0.0.1 and localhost).
  std::filesystem::path ca_file() const;
  // "imap://127.0.0.1:PORT/INBOX" (the mailbox percent-encoded, '/' kept).
  std::string imap_url(std::string_view mailbox = "INBOX") const;
  std::string imaps_url(std::string_view mailbox = "INBOX") const;
  // Everything Dovecot logged so far (to check, e.g., that no password went over the wire twice).
  std::string log() const;

  // Stops and restarts on the same ports and mail (for outage tests). stop() returns once the
  // IMAP port refuses connections.
  void stop();
  void start();
  bool running() const { return process_.has_value(); }

  // Direct access to the mail store through doveadm (not IMAP). Folders are '/'-separated.
  // Delivers one message (doveadm save). Stored with CRLF line ends (mail_save_crlf), so a
  // CRLF message comes back byte for byte.
  void deliver(std::string_view folder, std::string_view raw);
  // Delivers many messages quickly: writes maildir files straight into new/, then resyncs.
  void deliver_many(std::string_view folder, const std::vector<std::string>& raws);
  void create_folder(std::string_view folder);
  // Raw bytes of every message as stored, in UID order.
  std::vector<std::string> messages(std::string_view folder);
  std::vector<std::uint32_t> uids(std::string_view folder);
  std::size_t count(std::string_view folder);
  // One flags string per message in UID order ("\Seen \Flagged"), without the session-only
  // \Recent.
  std::vector<std::string> flags(std::string_view folder);
  // Same messages, new UIDVALIDITY (doveadm mailbox update --uid-validity old+1).
  void recreate_mailbox_same_messages(std::string_view folder);
  std::uint32_t uidvalidity(std::string_view folder);
  std::vector<std::string> folders();
  std::vector<std::string> subscribed_folders();
  void add_flag(std::string_view folder, std::uint32_t uid, std::string_view flag);
  // The next message gets at least this UID (doveadm mailbox update --min-next-uid).
  void raise_next_uid(std::string_view folder, std::uint32_t uid);

private:
  std::string doveadm(const std::vector<std::string>& args);
  std::filesystem::path mailbox_path(std::string_view folder);
  void write_config(const DovecotOptions& options);

  std::filesystem::path dir_;
  std::filesystem::path config_;
  int imap_port_ = 0;
  int imaps_port_ = 0;
  std::string user_ = "appeals";
  std::string password_;
  std::optional<ChildProcess> process_;
  std::uint64_t file_counter_ = 0;
};

} // namespace appeald::test
