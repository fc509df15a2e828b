#pragma once
// One libcurl easy handle speaking IMAP to one server, and so one kept-alive connection (libcurl
// logs in on first use and after the connection died). It sends raw commands and reports what
// came back; it does not interpret IMAP (ImapClient and imap_response.hpp do). Not thread-safe.
#include "daemon/imap_client.hpp"

#include <curl/curl.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace appeald::daemon::imap {

// What one libcurl transfer produced.
struct Exchange {
  CURLcode code = CURLE_OK;
  std::string stream;          // every line the server sent, literals included (header callback)
  std::string body;            // what libcurl delivered as the body (URL fetches)
  bool new_connection = false; // libcurl connected (and logged in) for this transfer
  bool overflow = false;       // the server sent more than the exchange's byte limit
  std::string error;           // libcurl's error text (one line)
};

// Limit on what one exchange may bring back, unless the caller passes its own.
inline constexpr std::size_t kMaxExchangeBytes = std::size_t{64} << 20;

class Connection {
public:
  // `root_url` is "scheme://host[:port]/". Credentials go through CURLOPT_USERNAME/PASSWORD.
  Connection(const ImapSettings& settings, std::string root_url);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  // A command sent as is (CURLOPT_CUSTOMREQUEST) with no mailbox in the URL, so libcurl selects
  // nothing of its own.
  Exchange command(std::string_view command, std::size_t limit = kMaxExchangeBytes);
  // A libcurl URL fetch of root_url + `path` ("INBOX;UIDVALIDITY=1/;UID=2;PARTIAL=0.100").
  Exchange fetch_url(std::string_view path, std::size_t limit);
  // APPEND of `bytes` to the mailbox named by the URL-escaped `escaped_mailbox`.
  Exchange append(std::string_view escaped_mailbox, std::string_view bytes);

  enum class Goodbye { logout, abrupt };
  // Closes the connection: `logout` says LOGOUT first; `abrupt` shuts the socket down first, for
  // a connection that is out of step or hung. The next call connects anew.
  void close(Goodbye goodbye);

private:
  struct Transfer;
  Exchange perform(const std::string& url, std::size_t limit, Transfer& transfer);
  CURL* handle();

  ImapSettings settings_;
  std::string root_url_;
  CURL* curl_ = nullptr;
  char error_buffer_[CURL_ERROR_SIZE] = {};
};

// Percent-encodes everything but unreserved characters (RFC 3986), '/' included.
std::string url_escape(std::string_view s);

} // namespace appeald::daemon::imap
