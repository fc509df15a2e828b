#include "responders/outgoing_mail.hpp"

#include "parsers/header_block.hpp"
#include "parsers/utf8.hpp"
#include "responders/header_encoding.hpp"
#include "responders/mail_date.hpp"
#include "responders/quoted_printable.hpp"
#include "responders/utf8_text.hpp"

#include <algorithm>
#include <array>
#include <set>

namespace appeald::responders {

namespace {

// Lines of an ASCII body up to this length go out unencoded.
constexpr std::size_t max_plain_line = 78;

// Fields render_rfc5322 writes itself, or that would redirect the mail: never taken from
// extra_headers.
bool reserved_field(std::string_view name) {
  static constexpr std::array<std::string_view, 17> reserved = {"date",
                                                                "from",
                                                                "sender",
                                                                "to",
                                                                "cc",
                                                                "bcc",
                                                                "reply-to",
                                                                "subject",
                                                                "message-id",
                                                                "in-reply-to",
                                                                "references",
                                                                "mime-version",
                                                                "content-type",
                                                                "content-transfer-encoding",
                                                                "content-disposition",
                                                                "return-path",
                                                                "received"};
  const std::string lower = parsers::ascii_lower(name);
  return std::ranges::find(reserved, lower) != reserved.end();
}

// Valid UTF-8 with LF line ends, controls other than TAB and LF replaced, ending with LF.
std::string clean_body(std::string_view body) {
  const std::string text = parsers::sanitize_utf8(body);
  std::string out;
  out.reserve(text.size() + 1);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\r') {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') {
        ++i;
      }
    } else if (c == '\n' || c == '\t') {
      out += c;
    } else if (static_cast<unsigned char>(c) < ' ' || c == 0x7F) {
      out += ' ';
    } else {
      out += c;
    }
  }
  if (out.empty() || out.back() != '\n') {
    out += '\n';
  }
  return out;
}

bool short_lines(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t end = std::min(text.find('\n', pos), text.size());
    if (end - pos > max_plain_line) {
      return false;
    }
    pos = end + 1;
  }
  return true;
}

std::string with_crlf(std::string_view lf_text) {
  std::string out;
  out.reserve(lf_text.size() + lf_text.size() / 32);
  for (char c : lf_text) {
    if (c == '\n') {
      out += '\r';
    }
    out += c;
  }
  return out;
}

} // namespace

std::string render_rfc5322(const OutgoingMail& mail) {
  std::vector<std::string> fields;
  fields.push_back("Date: " + format_rfc5322_date(mail.date));
  if (is_sendable_address(mail.from.address)) {
    fields.push_back(fold_address_header("From", {mail.from}));
  }
  const std::vector<parsers::Mailbox> to = sendable_mailboxes(mail.to);
  if (!to.empty()) {
    fields.push_back(fold_address_header("To", to));
  }
  std::set<std::string> in_to;
  for (const parsers::Mailbox& m : to) {
    in_to.insert(parsers::ascii_lower(m.address));
  }
  std::vector<parsers::Mailbox> cc;
  for (const parsers::Mailbox& m : sendable_mailboxes(mail.cc)) {
    if (!in_to.contains(parsers::ascii_lower(m.address))) {
      cc.push_back(m);
    }
  }
  if (!cc.empty()) {
    fields.push_back(fold_address_header("Cc", cc));
  }
  fields.push_back(fold_header("Subject", unstructured_tokens(mail.subject)));
  if (auto id = sendable_message_id(mail.message_id)) {
    fields.push_back(fold_header("Message-ID", {*id}));
  }
  if (auto id = sendable_message_id(mail.in_reply_to)) {
    fields.push_back(fold_header("In-Reply-To", {*id}));
  }
  std::vector<std::string> refs;
  std::set<std::string> seen;
  for (const std::string& raw : mail.references) {
    if (auto id = sendable_message_id(raw); id && seen.insert(*id).second) {
      refs.push_back(std::move(*id));
    }
  }
  if (!refs.empty()) {
    fields.push_back(fold_header("References", refs));
  }
  for (const auto& [name, value] : mail.extra_headers) {
    if (is_field_name(name) && !reserved_field(name)) {
      fields.push_back(fold_header(name, unstructured_tokens(value)));
    }
  }

  const std::string body = clean_body(mail.body);
  const bool plain = is_ascii(body) && short_lines(body);
  fields.emplace_back("MIME-Version: 1.0");
  fields.emplace_back("Content-Type: text/plain; charset=utf-8");
  fields.push_back(std::string("Content-Transfer-Encoding: ") +
                   (plain ? "7bit" : "quoted-printable"));

  std::string out;
  for (const std::string& f : fields) {
    out += f;
    out += "\r\n";
  }
  out += "\r\n";
  out += plain ? with_crlf(body) : encode_quoted_printable(body);
  return out;
}

std::vector<std::string> envelope_recipients(const OutgoingMail& mail) {
  std::vector<parsers::Mailbox> all = mail.to;
  all.insert(all.end(), mail.cc.begin(), mail.cc.end());
  std::vector<std::string> out;
  for (parsers::Mailbox& mb : sendable_mailboxes(all)) {
    out.push_back(std::move(mb.address));
  }
  return out;
}

} // namespace appeald::responders
