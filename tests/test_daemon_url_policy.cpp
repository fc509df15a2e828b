// check_url: TLS anywhere, plain text only to loopback unless the operator allows it, and only the
// protocol's own schemes.
#include "daemon/url_policy.hpp"

#include <doctest/doctest.h>

#include <string>

using appeald::daemon::check_url;
using appeald::daemon::Protocol;

namespace {

enum class Verdict { allowed, refused };
enum class Plaintext { allowed, forbidden };

struct Row {
  const char* what;
  const char* url;
  Protocol protocol;
  Plaintext plaintext;
  Verdict expected;
  const char* reason_mentions; // a word the refusal must contain ("" when allowed)
};

const Row rows[] = {
    {"imap to 127.0.0.1", "imap://127.0.0.1:143/INBOX", Protocol::imap, Plaintext::forbidden,
     Verdict::allowed, ""},
    {"imap to elsewhere in 127/8", "imap://127.3.2.1/INBOX", Protocol::imap, Plaintext::forbidden,
     Verdict::allowed, ""},
    {"imap to ::1", "imap://[::1]:1143/INBOX", Protocol::imap, Plaintext::forbidden,
     Verdict::allowed, ""},
    {"imap to localhost, any case", "imap://LocalHost:1143/", Protocol::imap, Plaintext::forbidden,
     Verdict::allowed, ""},
    {"imap to a remote host", "imap://mail.example.com/INBOX", Protocol::imap, Plaintext::forbidden,
     Verdict::refused, "unencrypted"},
    {"imap to a remote address", "imap://192.0.2.7:143/INBOX", Protocol::imap, Plaintext::forbidden,
     Verdict::refused, "imaps"},
    {"imap to a look-alike of localhost", "imap://localhost.example.com/", Protocol::imap,
     Plaintext::forbidden, Verdict::refused, "unencrypted"},
    {"imap to 127.1 (not dotted-quad, taken as remote)", "imap://127.1/", Protocol::imap,
     Plaintext::forbidden, Verdict::refused, "unencrypted"},
    {"imap to a remote host with allow_plaintext", "imap://mail.example.com/INBOX", Protocol::imap,
     Plaintext::allowed, Verdict::allowed, ""},
    {"imaps to a remote host", "imaps://mail.example.com:993/INBOX", Protocol::imap,
     Plaintext::forbidden, Verdict::allowed, ""},
    {"IMAPS in capitals", "IMAPS://mail.example.com/", Protocol::imap, Plaintext::forbidden,
     Verdict::allowed, ""},
    {"smtp to loopback", "smtp://127.0.0.1:2525", Protocol::smtp, Plaintext::forbidden,
     Verdict::allowed, ""},
    {"smtp to a remote host", "smtp://smtp.example.com:587", Protocol::smtp, Plaintext::forbidden,
     Verdict::refused, "smtps"},
    {"smtps to a remote host", "smtps://smtp.example.com:465", Protocol::smtp, Plaintext::forbidden,
     Verdict::allowed, ""},
    {"smtp URL for IMAP", "smtps://mail.example.com/", Protocol::imap, Plaintext::allowed,
     Verdict::refused, "scheme"},
    {"imap URL for SMTP", "imaps://mail.example.com/", Protocol::smtp, Plaintext::allowed,
     Verdict::refused, "scheme"},
    {"http", "http://127.0.0.1/", Protocol::imap, Plaintext::allowed, Verdict::refused, "scheme"},
    {"no scheme", "mail.example.com:993", Protocol::imap, Plaintext::allowed, Verdict::refused,
     "scheme"},
    {"no host", "imaps:///INBOX", Protocol::imap, Plaintext::forbidden, Verdict::refused, "host"},
    {"credentials in the URL", "imaps://user:pw@mail.example.com/", Protocol::imap,
     Plaintext::forbidden, Verdict::refused, "credentials"},
    {"bad port", "imaps://mail.example.com:99999/", Protocol::imap, Plaintext::forbidden,
     Verdict::refused, "port"},
    {"port not a number", "imaps://mail.example.com:imap/", Protocol::imap, Plaintext::forbidden,
     Verdict::refused, "port"},
    {"empty port", "imaps://mail.example.com:/", Protocol::imap, Plaintext::forbidden,
     Verdict::refused, "port"},
    {"CRLF injected", "imaps://mail.example.com/INBOX\r\nA1 LOGOUT", Protocol::imap,
     Plaintext::forbidden, Verdict::refused, "control"},
    {"unterminated IPv6", "imap://[::1/INBOX", Protocol::imap, Plaintext::forbidden,
     Verdict::refused, "IPv6"},
};

} // namespace

TEST_CASE("check_url allows TLS anywhere and plain text only to loopback or when allowed") {
  for (const Row& row : rows) {
    CAPTURE(row.what);
    CAPTURE(row.url);
    const std::string reason =
        check_url(row.url, row.protocol, row.plaintext == Plaintext::allowed);
    if (row.expected == Verdict::allowed) {
      CHECK(reason == "");
    } else {
      CHECK(reason != "");
      CHECK(reason.find(row.reason_mentions) != std::string::npos);
      CHECK(reason.find('\n') == std::string::npos);
    }
  }
}
