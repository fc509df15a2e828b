#pragma once
// Sending one rendered mail over SMTP with libcurl, and deciding whether a failure is worth a
// retry. The outbox drainer (daemon/) owns the loop, the store and the audit; this file only
// hands a message to the relay and says what happened.
//
// Failure classification (classify() below; the caller retries transient failures with
// retry_policy.hpp and records permanent ones):
//   - the server rejected the transaction with a 5xx reply (greeting, MAIL, RCPT, DATA or the end
//     of DATA: libcurl reports CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_WEIRD_SERVER_REPLY or
//     CURLE_UPLOAD_FAILED) -> permanent, code = the reply code;
//   - a 4xx reply anywhere -> transient, code = the reply code;
//   - AUTH rejected (CURLE_LOGIN_DENIED), HELO rejected (CURLE_REMOTE_ACCESS_DENIED) or STARTTLS
//     refused/unavailable (CURLE_USE_SSL_FAILED), even with a 5xx reply -> transient: these are
//     about our account or the relay's setup, not this message, so failing every queued reply
//     for good would be wrong; the retries give the operator time to fix it (code = the reply
//     code when >= 400);
//   - everything else (could not resolve/connect, TLS or certificate errors, timeouts, the
//     connection dropping, a malformed URL) -> transient, code 0.
// Rejections of our own input before any I/O (no recipients, an address with spaces, angle
// brackets or control characters) are permanent with code 0: retrying cannot fix them.
#include <chrono>
#include <curl/curl.h>
#include <expected>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace appeald::responders {

struct SmtpSettings {
  std::string url; // "smtps://host:465" (implicit TLS) or "smtp://host:587"/"smtp://127.0.0.1:2525"
  std::string user;     // "" = no AUTH
  std::string password; // never logged
  // The CA bundle (PEM file) to verify the server against instead of the system store; "" = the
  // system store. TLS is always verified (peer and host name).
  std::string ca_file;
  // For smtp:// : STARTTLS required (CURLUSESSL_ALL); false = plaintext allowed (the caller
  // checked: loopback or allow_plaintext) -> CURLUSESSL_NONE. smtps:// is always TLS.
  bool require_tls = true;
  std::chrono::seconds connect_timeout{30};
  std::chrono::seconds transfer_timeout{120}; // whole send, connecting included
  // The name sent with EHLO; "" = libcurl's default (this machine's host name). It becomes the
  // URL path (libcurl's way of setting it) unless `url` already has a path.
  std::string helo_domain;
};

struct Envelope {
  std::string mail_from; // "" = null reverse-path: MAIL FROM:<> (RFC 3834 auto-replies)
  std::vector<std::string> recipients; // bare addresses, no angle brackets
};

struct SmtpFailure {
  enum class Kind { transient, permanent };
  Kind kind = Kind::transient;
  int code = 0;        // SMTP reply code when the server gave one (e.g. 451, 550), else 0
  std::string message; // one line, no password
};

// Calls curl_global_init once per process (std::call_once; safe from any thread, and alongside
// other callers since curl_global_init is reference counted). Never cleans up: libcurl stays
// ready until exit. SmtpTransport calls it itself.
void ensure_curl_ready();

// The classification described at the top of this file, for a failed transfer's CURLcode and
// its CURLINFO_RESPONSE_CODE (the last SMTP reply code, 0 when there was none). Fills kind and
// code; message is left empty. CURLE_OK is not a failure: it gives transient, code 0.
SmtpFailure classify(CURLcode result, long response_code);

// The message as sent in DATA: bare LF and bare CR line ends become CRLF, existing CRLF pairs are
// kept, and a non-empty message that does not end with a line end gets a CRLF (libcurl would add
// one anyway; adding it here makes the bytes the server stores exactly this string). Bare CR is
// treated as a line end too: RFC 5321 forbids it in DATA and relays disagree on its meaning.
std::string smtp_line_ends(std::string_view message);

// One connection to one relay. Not thread-safe: use it from one thread at a time.
class SmtpTransport {
public:
  explicit SmtpTransport(SmtpSettings settings); // no I/O; keeps one CURL easy handle so the
                                                 // connection is reused between sends
  ~SmtpTransport(); // movable, not copyable (pimpl); a moved-from transport may only be destroyed
  SmtpTransport(SmtpTransport&&) noexcept;
  SmtpTransport& operator=(SmtpTransport&&) noexcept;
  SmtpTransport(const SmtpTransport&) = delete;
  SmtpTransport& operator=(const SmtpTransport&) = delete;

  // Sends `message` (RFC 5322 bytes, made ready by smtp_line_ends; dot-stuffing is libcurl's) to
  // every recipient. Success only when the server accepted the DATA (250). Failures are
  // classified as above. With several recipients it is all or nothing: one rejected RCPT fails
  // the whole transaction (libcurl's default; CURLOPT_MAIL_RCPT_ALLLOWFAILS stays off), so a
  // retry never sends a second copy to the recipients that were accepted. The connection stays
  // open after a success for the next send (libcurl drops idle ones after about two minutes)
  // and is closed after a failure; a dead cached connection is noticed and replaced.
  // Blocks for at most about transfer_timeout.
  std::expected<void, SmtpFailure> send(const Envelope& envelope, std::string_view message);

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

} // namespace appeald::responders
