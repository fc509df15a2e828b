#pragma once
// A mail appeald sends, and its RFC 5322 rendering.
#include "parsers/address_list.hpp"
#include "parsers/date_time.hpp"

#include <string>
#include <utility>
#include <vector>

namespace appeald::responders {

struct OutgoingMail {
  parsers::Mailbox from;
  std::vector<parsers::Mailbox> to, cc;
  std::string subject;                                            // UTF-8, one line
  std::string message_id;                                         // "<...>"
  std::string in_reply_to;                                        // "<...>" or ""
  std::vector<std::string> references;                            // "<...>" each, oldest first
  std::vector<std::pair<std::string, std::string>> extra_headers; // name, unstructured value
  parsers::DateTime date;
  std::string body; // UTF-8 plain text, LF or CRLF line ends
};

// The mail as bytes ready for SMTP DATA (before dot-stuffing): CRLF line ends throughout.
//
// Header order: Date, From, To, Cc, Subject, Message-ID, In-Reply-To, References, the extra
// headers in order, MIME-Version, Content-Type (text/plain; charset=utf-8),
// Content-Transfer-Encoding. Every value is made safe first (see header_encoding.hpp):
// - control characters (CR, LF, NUL, ...) in any value become spaces, so input can never start a
//   header line of its own;
// - unsendable addresses are dropped (From is omitted when unsendable; Cc repeats of To
//   addresses are dropped); display names are quoted or RFC 2047-encoded (UTF-8);
// - message ids that are not clean "<...>" tokens are dropped (In-Reply-To and Message-ID are
//   then omitted);
// - extra headers with an invalid name, or one of the fields rendered here (From, To, Subject,
//   Content-Type, ...) or Bcc/Reply-To/Sender, are dropped: they cannot override the envelope.
// - Subject and extra values are RFC 2047-encoded where non-ASCII and folded at 78 columns;
//   address lists and References are folded between items.
// The body is made valid UTF-8, its line ends become CRLF, control characters other than TAB
// become spaces, and it ends with a line end. It is sent as 7bit when it is ASCII with lines of
// at most 78 characters, else as quoted-printable.
std::string render_rfc5322(const OutgoingMail& mail);

// The envelope recipients (RCPT TO) of `mail`: the To and Cc addresses, in order, keeping only
// sendable ones (is_sendable_address: one addr-spec, no spaces, controls or brackets) and each
// once (compared case-insensitively), so the envelope names exactly who the headers show.
std::vector<std::string> envelope_recipients(const OutgoingMail& mail);

} // namespace appeald::responders
