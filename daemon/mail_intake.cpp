#include "daemon/mail_intake.hpp"

#include "daemon/mail_queue.hpp"
#include "daemon/verdict_json.hpp"
#include "parsers/message_parser.hpp"
#include "responders/outgoing_mail.hpp"
#include "store/assessment_codec.hpp"
#include "store/audit_repository.hpp"
#include "store/case_repository.hpp"
#include "store/content_hash.hpp"
#include "store/message_repository.hpp"
#include "store/review_repository.hpp"

#include <SQLiteCpp/Transaction.h>

#include <optional>

namespace appeald::daemon {

namespace {

using appeals::Action;

bool answered_automatically(Action a) {
  return a == Action::request_info || a == Action::await_fixes || a == Action::review;
}

const std::string& folder_for(Action a, const config::ImapConfig& imap) {
  switch (a) {
  case Action::review:
    return imap.review_folder;
  case Action::triage:
    return imap.triage_folder;
  default:
    return imap.processed_folder;
  }
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

appeals::AppealDesk load_desk(store::Database& db, const appeals::Rubric& rubric) {
  appeals::CaseBook book(store::load_cases(db));
  for (const auto& [case_id, message_id] : store::load_thread_ids(db)) {
    book.add_thread_id(case_id, message_id);
  }
  for (const auto& [case_id, when] : store::load_closures(db)) {
    book.close(case_id, when);
  }
  appeals::AppealDesk desk(std::move(book), rubric);
  for (auto& [case_id, assessment] : store::load_assessments(db)) {
    desk.restore_assessment(case_id, std::move(assessment));
  }
  return desk;
}

MailIntake::MailIntake(store::Database& db, const RunSetup& setup, appeals::AppealDesk& desk,
                       Clock now)
    : db_(db), setup_(setup), desk_(desk), now_(std::move(now)) {}

std::optional<IntakeOutcome> MailIntake::known(std::uint32_t uidvalidity, std::uint32_t uid) {
  const auto found = store::find_by_location(db_, uidvalidity, uid);
  if (!found) {
    return std::nullopt;
  }
  return IntakeOutcome{found->id, found->folder, found->action, true};
}

void MailIntake::mark_moved(std::int64_t stored_id) {
  store::mark_moved(db_, stored_id);
}

IntakeOutcome MailIntake::take(std::uint32_t uidvalidity, std::uint32_t uid, std::string_view raw,
                               bool truncated) {
  const std::int64_t now_ms = now_();
  const std::string sha = store::sha256_hex(raw);
  const parsers::Message m = parsers::parse_message(raw, setup_.parse);
  const std::string mid = m.message_id.value_or("");
  auto audit = [&](std::string event) {
    store::AuditEvent e;
    e.ts_ms = now_ms;
    e.event = std::move(event);
    e.message_id = mid;
    return e;
  };

  if (auto dup = store::find_duplicate(db_, mid, sha)) {
    SQLite::Transaction tx(db_.sql());
    store::update_location(db_, dup->id, uidvalidity, uid);
    store::AuditEvent e = audit("ignored");
    e.case_id = dup->case_id;
    e.action = "ignore";
    e.reason = dup->sha256 == sha ? "already taken: same content as an earlier message"
                                  : "already taken: same Message-ID as an earlier message";
    e.extra = {{"uid", std::to_string(uid)}, {"folder", dup->folder}};
    store::append_audit(db_, e);
    tx.commit();
    return {dup->id, dup->folder, "ignore", true};
  }

  appeals::Verdict v = desk_.judge(m);
  const appeals::CaseRecord* c = v.match.matched;
  // The desk has read the message into the case's assessment; the store must follow it.
  const bool assessed_now = c != nullptr && answered_automatically(v.decision.action);
  std::vector<std::string> flags;
  if (truncated || m.truncated) {
    // Judging a prefix could miss what the rest says; a person reads the whole message.
    v.decision = {
        Action::triage, {}, "message larger than max_message_bytes: only its beginning was kept"};
    flags.push_back("truncated");
  }
  if (v.match.sender_differs) {
    flags.push_back("sender_differs");
  }

  std::optional<responders::OutgoingMail> reply;
  bool reply_limited = false;
  if (c != nullptr && answered_automatically(v.decision.action)) {
    const int sent = store::auto_replies(db_, c->id);
    if (sent >= setup_.config.max_auto_replies_per_case) {
      // RFC 3834 5.1: a responder must not keep answering. Past the budget a person takes over.
      reply_limited = true;
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
      reply = responders::compose_reply(m, *c, v.decision, v.missing_elements, v.planned,
                                        setup_.templates, setup_.reply, now);
    }
  }
  const Action action = v.decision.action;
  const std::string action_name(to_string(action));
  const std::string& folder = folder_for(action, setup_.config.imap);

  store::StoredMessage row;
  row.message_id = mid;
  row.sha256 = sha;
  row.uidvalidity = uidvalidity;
  row.uid = uid;
  row.received_at = now_ms / 1000;
  row.case_id = c != nullptr ? c->id : "";
  row.action = action_name;
  row.reason = v.decision.reason;
  row.folder = folder;
  row.truncated = truncated || m.truncated;
  const std::string origin =
      "imap:UIDVALIDITY=" + std::to_string(uidvalidity) + ";UID=" + std::to_string(uid);
  row.verdict_json = verdict_to_json(m, v, reply, origin).dump();

  SQLite::Transaction tx(db_.sql());
  const std::int64_t id = store::insert_message(db_, row, raw);

  store::AuditEvent received = audit("received");
  received.extra = {{"uid", std::to_string(uid)}};
  store::append_audit(db_, received);
  if (c != nullptr) {
    store::AuditEvent e = audit("matched");
    e.case_id = c->id;
    e.reason = std::string(to_string(v.match.rule)) +
               (v.match.trusted ? "" : ": " + v.match.untrusted_reason);
    store::append_audit(db_, e);
    if (m.message_id && desk_.book().by_thread_id(mid) == c) {
      store::add_thread_id(db_, c->id, mid);
    }
  }
  const appeals::CaseAssessment* assessed = c != nullptr ? desk_.assessment(c->id) : nullptr;
  if (assessed_now && assessed != nullptr) {
    store::save_assessment(db_, c->id, *assessed);
  }
  if (assessed_now) {
    store::AuditEvent e = audit("assessed");
    e.case_id = c->id;
    e.action = action_name;
    e.reason = found_summary(v);
    store::append_audit(db_, e);
  }

  store::AuditEvent outcome = audit("");
  outcome.case_id = row.case_id;
  outcome.action = action_name;
  outcome.reason = v.decision.reason;
  outcome.extra = {{"folder", folder}};
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
    entry.flags = flags;
    entry.reason = v.decision.reason;
    entry.assessment_json = assessed != nullptr ? store::encode_assessment(*assessed) : "{}";
    store::upsert_review(db_, entry);
  }
  if (!outcome.event.empty()) {
    store::append_audit(db_, outcome);
  }

  if (reply) {
    // RFC 3834 3.3: automatic responses go out with a null reverse-path.
    const std::vector<std::string> to =
        queue_mail(db_, c->id, action_name, "", *reply, now_ms / 1000);
    store::count_auto_reply(db_, c->id);
    desk_.record_reply(c->id, reply->message_id);
    store::AuditEvent e = audit("reply_queued");
    e.case_id = c->id;
    e.action = action_name;
    e.reason =
        "reply " + reply->message_id + " to " + (to.empty() ? std::string("nobody") : to.front());
    store::append_audit(db_, e);
  } else if (reply_limited) {
    store::AuditEvent e = audit("reply_limited");
    e.case_id = c->id;
    e.action = action_name;
    e.reason = "no automatic reply: the case reached max_auto_replies_per_case (" +
               std::to_string(setup_.config.max_auto_replies_per_case) + ")";
    store::append_audit(db_, e);
  }
  tx.commit();
  return {id, folder, action_name, false};
}

} // namespace appeald::daemon
