#include "daemon/triage_show_text.hpp"

#include "daemon/cli_output.hpp"

#include <sstream>

namespace appeald::daemon {

namespace {

std::string mailbox_text(const parsers::Mailbox& mb) {
  if (mb.address.empty()) {
    return mb.name.empty() ? "-" : one_line(mb.name);
  }
  return mb.name.empty() ? mb.address : one_line(mb.name) + " <" + mb.address + ">";
}

std::string mailboxes_text(const std::vector<parsers::Mailbox>& list) {
  std::string out;
  for (const parsers::Mailbox& mb : list) {
    out += (out.empty() ? "" : ", ") + mailbox_text(mb);
  }
  return out.empty() ? "-" : out;
}

std::string ids_text(const std::vector<std::string>& ids) {
  std::string out;
  for (const std::string& id : ids) {
    out += (out.empty() ? "" : " ") + id;
  }
  return out.empty() ? "-" : out;
}

std::string auth_text(const parsers::AuthVerdict& a) {
  auto result = [](const std::string& r) { return r.empty() ? std::string("none") : r; };
  return "dkim=" + result(a.dkim) + " spf=" + result(a.spf) + " dmarc=" + result(a.dmarc) +
         (a.authserv_id.empty() ? " (no trusted Authentication-Results)"
                                : " (by " + a.authserv_id + ")");
}

void print_item(const TriageShow& show, std::ostream& out) {
  const store::StoredMessage& s = show.item.message;
  out << "Triage item " << s.id << ": " << store::to_string(show.item.state) << ", received "
      << utc_time(s.received_at) << ", folder " << (s.folder.empty() ? "-" : s.folder)
      << (s.truncated ? " (truncated: only its beginning was kept)" : "") << '\n';
  if (const auto& d = show.item.decision) {
    out << "  " << store::to_string(d->state) << (d->case_id.empty() ? "" : " to " + d->case_id)
        << " by " << d->decided_by << " at " << utc_time(d->decided_at)
        << (d->reason.empty() ? "" : ": " + one_line(d->reason)) << '\n';
    out << "  now: " << s.action << " (" << one_line(s.reason) << ")\n";
  } else {
    out << "  reason: " << one_line(s.reason) << '\n';
    out << "  case:   " << (s.case_id.empty() ? "-" : s.case_id + " (matched, not trusted)")
        << '\n';
  }
}

void print_headers(const parsers::Message& m, std::ostream& out) {
  out << "\nHeaders:\n";
  out << "  From:        " << mailbox_text(m.from) << '\n';
  out << "  To:          " << mailboxes_text(m.to) << '\n';
  out << "  Reply-To:    " << mailboxes_text(m.reply_to) << '\n';
  out << "  Subject:     " << (m.subject.empty() ? "-" : one_line(m.subject)) << '\n';
  out << "  Date:        " << (m.date ? parsers::to_rfc3339(*m.date) : "-") << '\n';
  out << "  Message-ID:  " << m.message_id.value_or("-") << '\n';
  out << "  In-Reply-To: " << ids_text(m.in_reply_to) << '\n';
  out << "  References:  " << ids_text(m.references) << '\n';
  out << "  Auth:        " << auth_text(m.auth) << '\n';
  if (m.auto_kind != parsers::AutoKind::none) {
    out << "  Machine mail: " << parsers::to_string(m.auto_kind) << '\n';
  }
}

void print_words(const parsers::Message& m, std::ostream& out) {
  out << "\nNew words:\n";
  if (m.reply.text.empty()) {
    out << "  | (none)\n";
  }
  std::istringstream in(m.reply.text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    out << "  | " << line << '\n';
  }
  out << "\nAttachments (" << m.attachments.size() << "):" << (m.attachments.empty() ? " none" : "")
      << '\n';
  for (const parsers::Attachment& a : m.attachments) {
    out << "  " << (a.filename.empty() ? "(unnamed)" : one_line(a.filename)) << "  "
        << a.content_type << "  " << a.bytes << " bytes\n";
  }
}

void print_candidates(const TriageShow& show, std::ostream& out) {
  out << "\nCandidate cases (" << show.candidates.size()
      << "):" << (show.candidates.empty() ? " none: no thread id, case tag or address matches" : "")
      << '\n';
  for (const TriageShow::Candidate& c : show.candidates) {
    const appeals::CaseRecord& r = c.record;
    std::string why;
    for (const std::string& w : c.why) {
      why += (why.empty() ? "" : ", ") + w;
    }
    out << "  " << r.id << "  " << appeals::to_string(r.kind) << "  " << appeals::to_string(r.issue)
        << "  " << r.address << "  "
        << (c.closed_at ? "closed " + utc_time(*c.closed_at) : std::string("open")) << "  by "
        << why << '\n';
  }
}

} // namespace

void print_triage_show(const TriageShow& show, const std::string& config_path, std::ostream& out) {
  print_item(show, out);
  print_headers(show.message, out);
  print_words(show.message, out);
  print_candidates(show, out);
  out << "\nRaw message: " << triage_raw_command(show.item.message.id, config_path) << '\n';
  if (show.item.state == store::TriageState::open) {
    out << "Assign:      " << triage_assign_command(show.item.message.id, config_path) << '\n';
  }
}

} // namespace appeald::daemon
