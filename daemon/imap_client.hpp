#pragma once
// The IMAP side of appeald, over libcurl: read-only views of the watched mailbox (snapshot,
// fetch) and the two writes that file a message once its outcome is committed (ensure_folder,
// move). appeald runs unattended for months on a mailbox that people read too, so:
// - \Seen is never appeald's state: fetch leaves it as it was;
// - UIDs are the state, and UIDVALIDITY is checked on every snapshot and fetch (and move refuses
//   to act when the mailbox's UIDVALIDITY differs from the last one this client reported);
// - a message leaves the watched mailbox only through move(), which the caller calls after
//   committing the outcome; move() is idempotent, so a retry after a crash is safe.
// Passwords are never put in URLs, errors or logs. The caller checks the URL policy
// (daemon/url_policy.hpp) before building a client; TLS (imaps://) is always verified, and
// imap:// is plain text without STARTTLS. No proxy from the environment is used. The client logs
// nothing itself: every failure comes back as an ImapError for the caller to log.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace appeald::daemon {

// curl_global_init, once per process (std::call_once); for this client and the SMTP transport.
void ensure_curl_global_init();

struct ImapSettings {
  std::string url; // "imaps://host:993/INBOX": the path is the watched mailbox ("INBOX" when empty)
  std::string user;
  std::string password; // never logged
  std::string
      ca_file; // extra CA bundle for verification; "" = system store. TLS is always verified.
  std::chrono::seconds connect_timeout{30};
  std::chrono::seconds transfer_timeout{120}; // whole-operation cap (CURLOPT_TIMEOUT) per request
};

struct ImapError {
  enum class Kind { connection, auth, tls, gone, uidvalidity_changed, protocol };
  Kind kind = Kind::protocol;
  std::string message; // one line, no password
};

struct MailboxSnapshot {
  std::uint32_t uidvalidity = 0;
  std::uint32_t uidnext = 0;
  std::uint32_t exists = 0;
  std::vector<std::uint32_t> uids; // every message in the watched mailbox at that moment, ascending
};

struct FetchedMessage {
  std::string bytes;
  bool truncated = false;
};

// Not thread-safe: one thread at a time. A moved-from client may only be destroyed or assigned.
class ImapClient {
public:
  // No I/O; connects lazily and reuses one connection (libcurl keeps it alive). A URL that cannot
  // be used shows as a protocol error on the first call.
  explicit ImapClient(ImapSettings settings);
  ImapClient(ImapClient&&) noexcept;
  ImapClient& operator=(ImapClient&&) noexcept;
  ImapClient(const ImapClient&) = delete;
  ImapClient& operator=(const ImapClient&) = delete;
  ~ImapClient(); // says LOGOUT when connected

  // UIDVALIDITY/UIDNEXT/EXISTS of the watched mailbox (a fresh SELECT) and all its UIDs. UIDs
  // are collected with `UID SEARCH <seqset>` over sequence windows of at most kSearchWindow
  // messages, because libcurl 7.88 silently cuts a SEARCH response near 64 KiB; a window that
  // returns fewer UIDs than messages is an error. Starts over (a few times) when another client
  // expunges meanwhile.
  std::expected<MailboxSnapshot, ImapError> snapshot();
  static constexpr std::uint32_t kSearchWindow = 2000;

  // The raw message `uid` of the watched mailbox, at most max_bytes (rest discarded,
  // truncated=true). Leaves \Seen as it was: BODY.PEEK in 64 KiB pieces (libcurl caps a custom
  // command's reply near 300 KiB), each literal's length checked against RFC822.SIZE; when
  // libcurl lost the framing (a body line starting with its tag) the connection is dropped and
  // the message is fetched again by URL, then \Seen is taken off again if it was not set before
  // (a reader who opens the message in that instant may see it marked unread again). `uidvalidity`
  // is the snapshot's; a changed UIDVALIDITY gives uidvalidity_changed, a vanished message gives
  // gone.
  std::expected<FetchedMessage, ImapError> fetch(std::uint32_t uidvalidity, std::uint32_t uid,
                                                 std::size_t max_bytes);

  // Creates `folder` ('/'-separated; translated to the server's hierarchy delimiter from LIST) if
  // it is missing, and subscribes it.
  std::expected<void, ImapError> ensure_folder(std::string_view folder);

  // Moves message `uid` of the watched mailbox to `folder`: UID MOVE when the server has the MOVE
  // capability, else UID COPY + UID STORE +FLAGS.SILENT (\Deleted) + UID EXPUNGE (UIDPLUS; without
  // it nothing is done and a protocol error comes back, since a plain EXPUNGE could remove other
  // people's deleted mail). A uid already gone is success (idempotent: the caller may retry after
  // a crash). The folder must exist (ensure_folder).
  std::expected<void, ImapError> move(std::uint32_t uid, std::string_view folder);

  // Appends raw bytes to `folder` (used by tests and for filing copies). libcurl's APPEND sets
  // \Seen; fine here. Not retried (a retry could file it twice).
  std::expected<void, ImapError> append(std::string_view folder, std::string_view bytes);

  // Drops the connection (next call reconnects).
  void disconnect();

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

} // namespace appeald::daemon
