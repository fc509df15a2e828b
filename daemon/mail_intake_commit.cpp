#include "daemon/mail_intake_commit.hpp"

#include "daemon/mail_queue.hpp"
#include "daemon/verdict_json.hpp"
#include "responders/reply_composer.hpp"
#include "store/assessment_codec.hpp"
#include "store/audit_repository.hpp"
#include "store/case_repository.hpp"
#include "store/review_repository.hpp"

namespace appeald::daemon {

namespace {

using appeals::Action;

bool answered_automatically(Action a) {
  return a == Action::request_info || a == Action::await_fixes || a == Action::review;
}

std::string found_summary(const appeals::Verdict& v) {
  std::string out;
  for (const auto& [element, sentences] : v.found) {
    out += out.empty() ? "found: " : ", ";
    out += element;
  }
  if (!v.planned.empty()) {
    out += (out.empty() ? "" : "; ") + std::to_string(v.planned.size()) + " planned";
  }
  return out.empty() ? "found: nothing yet" : out;
}

} // namespace

SettledVerdict settle_verdict(store::Database& db, const RunSetup& setup, const parsers::Message& m,
                              appeals::Verdict v, std::vector<std::string> flags,
                              TruncatedMessage truncated, std::int64_t now_ms) {
  SettledVerdict s;
  const appeals::CaseRecord* c = v.match.matched;
  // The desk has read the message into the case's assessment; the store must follow it.
  s.assessed_now = c != nullptr && answered_automatically(v.decision.action);
  if (truncated != TruncatedMessage::intact) {
    if (truncated == TruncatedMessage::to_triage) {
      v.decision = {
          Action::triage, {}, "message larger than max_message_bytes: only its beginning was kept"};
    }
    flags.push_back("truncated");
  }
  if (v.match.sender_differs) {
    flags.push_back("sender_differs");
  }
  if (v.match.sender_unauthenticated) {
    flags.push_back("sender_unauthenticated");
  }
  if (c != nullptr && answered_automatically(v.decision.action)) {
    const int sent = store::auto_replies(db, c->id);
    if (sent >= setup.config.max_auto_replies_per_case) {
      // RFC 3834 5.1: a responder must not keep answering. Past the budget a person takes over.
      s.reply_limited = true;
      flags.push_back("reply_limit_reached");
      if (v.decision.action != Action::review) {
        v.decision = {
            Action::triage,
            {},
            "automatic reply limit reached (" + std::to_string(sent) +
                " sent in this case): a person answers; the assessment said: " + v.decision.reason};
      }
    } else {
      const parsers::DateTime now{now_ms / 1000, 0};
      s.reply = responders::compose_reply(m, *c, v.decision, v.missing_elements, v.planned,
                                          setup.templates, setup.reply, now);
    }
  }
  s.verdict = std::move(v);
  s.flags = std::move(flags);
  return s;
}

IntakeOutcome commit_verdict(store::Database& db, const RunSetup& setup, appeals::AppealDesk& desk,
                             const parsers::Message& m, const SettledVerdict& s,
                             store::StoredMessage row, std::string_view raw, std::int64_t now_ms) {
  const appeals::Verdict& v = s.verdict;
  const appeals::CaseRecord* c = v.match.matched;
  const Action action = v.decision.action;
  const std::string action_name(to_string(action));
  const std::string mid = m.message_id.value_or("");
  auto audit = [&](std::string event) {
    store::AuditEvent e;
    e.ts_ms = now_ms;
    e.event = std::move(event);
    e.message_id = mid;
    return e;
  };

  row.case_id = c != nullptr ? c->id : "";
  row.action = action_name;
  row.reason = v.decision.reason;
  const std::string origin =
      "imap:UIDVALIDITY=" + std::to_string(row.uidvalidity) + ";UID=" + std::to_string(row.uid);
  row.verdict_json = verdict_to_json(m, v, s.reply, origin).dump();

  if (row.id == 0) {
    row.id = store::insert_message(db, row, raw);
    store::AuditEvent received = audit("received");
    // Matched mail belongs to its case's story from the first line (`appeald audit --case`).
    received.case_id = row.case_id;
    received.extra = {{"uid", std::to_string(row.uid)}};
    store::append_audit(db, received);
  } else {
    store::update_judgement(db, row.id, row.case_id, row.action, row.reason, row.verdict_json);
  }

  if (c != nullptr) {
    store::AuditEvent e = audit("matched");
    e.case_id = c->id;
    e.reason = std::string(to_string(v.match.rule)) +
               (v.match.trusted ? "" : ": " + v.match.untrusted_reason);
    store::append_audit(db, e);
    if (m.message_id && desk.book().by_thread_id(mid) == c) {
      store::add_thread_id(db, c->id, mid);
    }
  }
  const std::optional<appeals::CaseAssessment> assessed =
      c != nullptr ? desk.assessment(c->id) : std::nullopt;
  if (s.assessed_now && assessed) {
    store::save_assessment(db, c->id, *assessed);
  }
  if (s.assessed_now) {
    store::AuditEvent e = audit("assessed");
    e.case_id = c->id;
    e.action = action_name;
    e.reason = found_summary(v);
    store::append_audit(db, e);
  }

  store::AuditEvent outcome = audit("");
  outcome.case_id = row.case_id;
  outcome.action = action_name;
  outcome.reason = v.decision.reason;
  outcome.extra = {{"folder", row.folder}};
  if (action == Action::ignore) {
    outcome.event = "ignored";
  } else if (action == Action::triage) {
    outcome.event = "triaged";
  } else if (action == Action::review) {
    outcome.event = "queued";
    store::ReviewEntry entry;
    entry.case_id = c->id;
    entry.message_id = mid;
    entry.received_at = row.received_at;
    entry.flags = s.flags;
    entry.reason = v.decision.reason;
    entry.assessment_json = assessed ? store::encode_assessment(*assessed) : "{}";
    store::upsert_review(db, entry);
  }
  if (!outcome.event.empty()) {
    store::append_audit(db, outcome);
  }

  IntakeOutcome out;
  out.stored_id = row.id;
  out.folder = row.folder;
  out.action = action_name;
  out.case_id = row.case_id;
  out.reason = row.reason;
  // RFC 3834 3.3: automatic responses go out with a null reverse-path.
  const auto queued = s.reply ? queue_mail(db, c->id, action_name, "", *s.reply, now_ms / 1000)
                              : std::vector<std::string>{};
  if (!queued) {
    // compose_reply only answers sendable addresses; this is the outbox's last check.
    store::AuditEvent e = audit("reply_dropped");
    e.case_id = c->id;
    e.action = action_name;
    e.reason = queued.error();
    store::append_audit(db, e);
  } else if (s.reply) {
    const std::vector<std::string>& to = *queued;
    store::count_auto_reply(db, c->id);
    desk.record_reply(c->id, s.reply->message_id);
    store::AuditEvent e = audit("reply_queued");
    e.case_id = c->id;
    e.action = action_name;
    e.reason =
        "reply " + s.reply->message_id + " to " + (to.empty() ? std::string("nobody") : to.front());
    store::append_audit(db, e);
    out.reply_message_id = s.reply->message_id;
    out.reply_recipients = to;
  } else if (s.reply_limited) {
    store::AuditEvent e = audit("reply_limited");
    e.case_id = c->id;
    e.action = action_name;
    e.reason = "no automatic reply: the case reached max_auto_replies_per_case (" +
               std::to_string(setup.config.max_auto_replies_per_case) + ")";
    store::append_audit(db, e);
    out.reply_limited = true;
  }
  return out;
}

} // namespace appeald::daemon
