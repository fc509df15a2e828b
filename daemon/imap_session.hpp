#pragma once
// The state ImapClient keeps about its one connection: which mailbox is selected there and with
// which UIDVALIDITY, the server's capabilities and hierarchy delimiter, and how libcurl outcomes
// become ImapErrors. Every command goes through call(), which checks the response framing
// (imap_response.hpp) and drops a connection that is out of step. Not thread-safe.
#include "daemon/imap_client.hpp"
#include "daemon/imap_connection.hpp"
#include "daemon/imap_reply_data.hpp"

#include <cstdint>
#include <expected>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace appeald::daemon::imap {

struct Reply {
  Exchange exchange;
  std::vector<Response> responses;
  bool framed = false; // well_framed(responses): the exchange ended where the server's did
  Completion done;     // the tagged completion (OK, or NO/BAD for a refused command) when framed
};

enum class OnBrokenFraming { fail, report };

class Session {
public:
  // Parses settings.url (no I/O); a URL that cannot be used is kept as config_error().
  explicit Session(ImapSettings settings);

  const std::string& config_error() const { return config_error_; }

  // One command, outside any mailbox. Transport failures come back as errors (and drop the
  // connection); NO/BAD come back in Reply::done. A reply whose framing was lost drops the
  // connection abruptly and is an error, or, with OnBrokenFraming::report, a Reply with
  // framed=false for the caller to handle.
  std::expected<Reply, ImapError> call(std::string_view command,
                                       OnBrokenFraming on_broken = OnBrokenFraming::fail,
                                       std::size_t limit = kMaxExchangeBytes);

  // The same with the watched mailbox selected: selects it when this connection has not, and
  // once more when libcurl had to reconnect for the command (a new connection has nothing
  // selected, so the command failed harmlessly). With `uidvalidity`, a selected mailbox whose
  // UIDVALIDITY differs gives uidvalidity_changed and the command is not sent.
  std::expected<Reply, ImapError> call_in_mailbox(std::string_view command,
                                                  std::optional<std::uint32_t> uidvalidity,
                                                  OnBrokenFraming on_broken = OnBrokenFraming::fail,
                                                  std::size_t limit = kMaxExchangeBytes);

  // Sends SELECT for the watched mailbox (always) and records it as selected.
  std::expected<SelectInfo, ImapError> select();

  std::expected<std::set<std::string>, ImapError> capabilities();
  // The server's name for a '/'-separated folder (asks LIST for the delimiter once).
  std::expected<std::string, ImapError> server_name(std::string_view folder);
  std::expected<std::string, ImapError> watched_name();

  // A libcurl URL fetch of the watched mailbox; marks it selected afterwards when it worked.
  Exchange fetch_url(std::string_view path, std::size_t limit, std::uint32_t uidvalidity);
  Exchange append(std::string_view escaped_mailbox, std::string_view bytes);

  // The error for a failed exchange: kind from the libcurl code, message naming `what`.
  ImapError error_from(const Exchange& exchange, std::string_view what) const;
  ImapError refused(const Reply& reply, std::string_view what) const; // a NO/BAD completion

  void drop(Connection::Goodbye goodbye);

  // Runs `op`; when it failed because a kept-alive connection turned out dead (the server closed
  // or restarted meanwhile), runs it once more on a fresh connection.
  template <typename Op> auto with_retry(Op&& op) {
    retryable_ = false;
    auto result = op();
    if (!result && retryable_) {
      drop(Connection::Goodbye::abrupt);
      retryable_ = false;
      result = op();
    }
    return result;
  }

  // The UIDVALIDITY the caller last saw (snapshot or fetch); 0 when none yet.
  std::uint32_t known_uidvalidity = 0;

private:
  Connection& connection();
  void note(const Exchange& exchange);
  std::string one_line(std::string s) const;

  ImapSettings settings_;
  std::string config_error_;
  std::string root_url_;
  std::string display_; // host[:port] for messages
  std::string watched_folder_;
  std::unique_ptr<Connection> connection_;
  bool selected_ = false;
  std::uint32_t selected_uidvalidity_ = 0;
  std::optional<std::set<std::string>> capabilities_;
  std::optional<std::optional<char>> delimiter_;
  bool retryable_ = false;
};

} // namespace appeald::daemon::imap
