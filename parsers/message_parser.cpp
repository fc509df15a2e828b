#include "parsers/message_parser.hpp"

#include "parsers/body_text.hpp"
#include "parsers/encoded_words.hpp"
#include "parsers/message_ids.hpp"
#include "parsers/mime_tree.hpp"

namespace appeald::parsers {

namespace {

// One line with single spaces: folding and decoded words can leave runs of blanks.
std::string collapse_spaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    const bool blank = c == ' ' || c == '\t';
    if (blank && (out.empty() || out.back() == ' ')) {
      continue;
    }
    out += blank ? ' ' : c;
  }
  while (!out.empty() && out.back() == ' ') {
    out.pop_back();
  }
  return out;
}

std::vector<Mailbox> addresses(const std::vector<HeaderField>& fields, std::string_view name,
                               Warnings& warnings) {
  std::vector<Mailbox> out;
  for (const HeaderField& f : fields) {
    if (iequals(f.name, name)) {
      std::vector<Mailbox> more = parse_address_list(f.value, warnings);
      out.insert(out.end(), more.begin(), more.end());
    }
  }
  return out;
}

void read_envelope(Message& m, const ParseOptions& options) {
  const std::vector<HeaderField>& h = m.headers;
  if (const HeaderField* f = find_field(h, "Message-ID")) {
    m.message_id = parse_message_id(f->value);
  }
  if (const HeaderField* f = find_field(h, "In-Reply-To")) {
    m.in_reply_to = parse_message_id_list(f->value);
  }
  if (const HeaderField* f = find_field(h, "References")) {
    m.references = parse_message_id_list(f->value);
  }
  const HeaderField* from = find_field(h, "From");
  if (from == nullptr) {
    // Some gateways send only Sender; it is the best stand-in for the author.
    from = find_field(h, "Sender");
  }
  if (from != nullptr) {
    m.from = parse_first_mailbox(from->value, m.warnings);
  } else {
    m.warnings.add("header-missing", "From");
  }
  m.reply_to = addresses(h, "Reply-To", m.warnings);
  m.to = addresses(h, "To", m.warnings);
  m.cc = addresses(h, "Cc", m.warnings);
  if (const HeaderField* f = find_field(h, "Subject")) {
    m.subject = collapse_spaces(decode_header_text(f->value, m.warnings));
  }
  if (const HeaderField* f = find_field(h, "Date")) {
    m.date = parse_rfc5322_date(f->value);
    if (!m.date) {
      m.warnings.add("date-malformed", f->value);
    }
  }
  if (const HeaderField* f = find_field(h, "Return-Path")) {
    std::string_view rp = trim(f->value);
    if (rp.starts_with('<') && rp.find('>') != std::string_view::npos) {
      rp = trim(rp.substr(1, rp.find('>') - 1));
    }
    m.null_return_path = rp.empty();
    m.return_path = ascii_lower(rp);
  }
  m.auth = trusted_auth_verdict(h, options.authserv_id);
}

} // namespace

std::string_view to_string(AutoKind kind) {
  switch (kind) {
  case AutoKind::none:
    return "";
  case AutoKind::auto_reply:
    return "auto-reply";
  case AutoKind::bounce:
    return "bounce";
  case AutoKind::read_receipt:
    return "read-receipt";
  case AutoKind::list:
    return "list";
  case AutoKind::bulk:
    return "bulk";
  case AutoKind::loop:
    return "loop";
  }
  return "";
}

Message parse_message(std::string_view bytes, const ParseOptions& options) {
  Message m;
  m.raw_bytes = bytes.size();
  if (bytes.size() > options.limits.max_message_bytes) {
    m.truncated = true;
    m.warnings.add("message-too-large");
    bytes = bytes.substr(0, options.limits.max_message_bytes);
  }
  MimeEntity root = parse_mime_tree(bytes, options.limits, m.warnings);
  m.headers = root.headers;
  m.content_type = root.content_type.value;
  read_envelope(m, options);

  BodyContent body = extract_body(root, options.limits, m.warnings);
  m.text = std::move(body.text);
  m.attachments = std::move(body.attachments);
  m.embedded = std::move(body.embedded);
  m.text_parts = std::move(body.text_parts);
  m.reply = extract_reply(m.text, options.limits, m.warnings);
  m.auto_kind = classify_machine_mail(m, options.machine_mail);
  return m;
}

} // namespace appeald::parsers
