#include "daemon/review_show_text.hpp"

#include "daemon/cli_output.hpp"

#include <sstream>

namespace appeald::daemon {

namespace {

// Every line of `text` under `prefix`; "(none)" when there is no text.
void print_indented(std::string_view text, std::string_view prefix, std::ostream& out) {
  if (text.empty()) {
    out << prefix << "(none)\n";
    return;
  }
  std::istringstream in{std::string(text)};
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    out << prefix << line << '\n';
  }
}

void print_case(const store::CaseSummary& s, std::ostream& out) {
  const appeals::CaseRecord& c = s.record;
  out << "Case " << c.id << ": " << appeals::to_string(c.kind) << ", issue "
      << appeals::to_string(c.issue) << ", "
      << (s.closed_at ? "closed " + utc_time(*s.closed_at) : std::string("open")) << '\n';
  out << "  account:        " << c.account << '\n';
  out << "  address:        " << c.address << '\n';
  out << "  representative: " << c.representative.value_or("-") << '\n';
  out << "  notice:         " << c.notice_message_id << " sent " << parsers::to_rfc3339(c.sent_at)
      << '\n';
  out << "  deadline:       " << (c.deadline ? parsers::to_rfc3339(*c.deadline) : "-") << '\n';
  out << "  messages:       " << s.messages << " (" << s.auto_replies << " automatic replies)\n";
}

void print_review(const ReviewShow& show, std::ostream& out) {
  out << "\nReview: ";
  if (!show.review) {
    out << "never queued\n";
    return;
  }
  const ReviewRow& r = *show.review;
  out << r.entry.state << ", queued " << utc_time(r.entry.received_at) << " (waited "
      << waiting_text(r.waiting_hours) << ") by message "
      << (r.entry.message_id.empty() ? "-" : r.entry.message_id) << '\n';
  out << "  reason: " << one_line(r.entry.reason) << '\n';
  std::string flags;
  for (const std::string& f : r.flags) {
    flags += (flags.empty() ? "" : ", ") + f;
  }
  out << "  flags:  " << (flags.empty() ? "-" : flags) << '\n';
  if (r.entry.decided_at) {
    out << "  decided " << utc_time(*r.entry.decided_at) << " by " << r.entry.decided_by << ": "
        << one_line(r.entry.decision_text) << '\n';
  }
}

void print_other_cases(const ReviewShow& show, std::ostream& out) {
  out << "\nOther cases of account " << show.summary.record.account << ":"
      << (show.other_cases.empty() ? " none\n" : "\n");
  for (const ReviewShow::OtherCase& o : show.other_cases) {
    const appeals::CaseRecord& c = o.summary.record;
    out << "  " << c.id << "  " << appeals::to_string(c.kind) << "  " << appeals::to_string(c.issue)
        << "  sent " << parsers::to_rfc3339(c.sent_at) << "  "
        << (o.summary.closed_at ? "closed" : "open")
        << (o.review_state.empty() ? "" : "  review " + o.review_state) << '\n';
  }
}

void print_messages(const ReviewShow& show, std::ostream& out) {
  out << "\nMessages (" << show.messages.size() << "):\n";
  int n = 0;
  for (const ShownMessage& m : show.messages) {
    const store::StoredMessage& s = m.stored;
    out << "  [" << ++n << "] received " << utc_time(s.received_at) << "  " << s.action << "  "
        << (s.message_id.empty() ? "(no Message-ID)" : s.message_id) << '\n';
    out << "      from " << (m.from.empty() ? "-" : m.from) << ", subject \"" << one_line(m.subject)
        << "\"" << (m.date ? ", dated " + parsers::to_rfc3339(*m.date) : "") << '\n';
    out << "      folder " << (s.folder.empty() ? "-" : s.folder)
        << (s.truncated ? " (truncated: only its beginning was kept)" : "") << '\n';
    out << "      reason: " << one_line(s.reason) << '\n';
    out << "      new words:\n";
    print_indented(m.new_words, "      | ", out);
  }
}

void print_assessment(const ReviewShow& show, std::ostream& out) {
  out << "\nAssessment";
  if (!show.assessment) {
    out << ": " << (show.assessment_error.empty() ? "none" : "unreadable: " + show.assessment_error)
        << '\n';
    return;
  }
  const appeals::CaseAssessment& a = *show.assessment;
  out << " (" << a.messages << (a.messages == 1 ? " message" : " messages") << " read):\n";
  if (a.found.empty()) {
    out << "  no element found\n";
  }
  for (const auto& [element, sentences] : a.found) {
    out << "  " << element << ":\n";
    for (const std::string& sentence : sentences) {
      out << "    - \"" << one_line(sentence) << "\"\n";
    }
  }
  out << "  planned changes:" << (a.planned.empty() ? " none\n" : "\n");
  for (const std::string& change : a.planned) {
    out << "    - \"" << one_line(change) << "\"\n";
  }
  if (a.said_no_changes) {
    out << "  the sender said no changes have been made\n";
  }
}

void print_outbox(const ReviewShow& show, std::ostream& out) {
  out << "\nReplies and decisions (" << show.outbox.size() << "):\n";
  for (const store::OutboxEntry& e : show.outbox) {
    out << "  " << e.kind << "  " << store::to_string(e.state) << "  created "
        << utc_time(e.created_at) << (e.sent_at ? "  sent " + utc_time(*e.sent_at) : "") << "  "
        << e.message_id << '\n';
    if (!e.last_error.empty()) {
      out << "      last error: " << one_line(e.last_error) << '\n';
    }
  }
}

} // namespace

void print_review_show(const ReviewShow& show, const std::string& config_path, std::ostream& out) {
  print_case(show.summary, out);
  print_review(show, out);
  print_other_cases(show, out);
  print_messages(show, out);
  print_assessment(show, out);
  print_outbox(show, out);
  out << "\nRaw message (latest, or the one named): " << raw_command(show, config_path) << '\n';
}

} // namespace appeald::daemon
