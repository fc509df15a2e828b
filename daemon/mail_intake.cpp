#include "daemon/mail_intake.hpp"

#include "daemon/mail_intake_commit.hpp"
#include "daemon/triage_decision.hpp"
#include "parsers/date_time.hpp"
#include "parsers/message_parser.hpp"
#include "responders/header_encoding.hpp"
#include "store/audit_repository.hpp"
#include "store/case_repository.hpp"
#include "store/content_hash.hpp"
#include "store/message_repository.hpp"
#include "store/triage_repository.hpp"

#include <SQLiteCpp/Transaction.h>

#include <optional>

namespace appeald::daemon {

namespace {

using appeals::Action;

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

// A message taken before: only to be moved to `folder`.
IntakeOutcome already_taken(std::int64_t id, std::string folder, std::string action) {
  IntakeOutcome out;
  out.stored_id = id;
  out.folder = std::move(folder);
  out.action = std::move(action);
  out.duplicate = true;
  return out;
}

// When case `case_id` was closed by a decision, nullopt while open.
std::optional<std::int64_t> closed_at(store::Database& db, std::string_view case_id) {
  for (const auto& [id, when] : store::load_closures(db)) {
    if (id == case_id) {
      return when;
    }
  }
  return std::nullopt;
}

} // namespace

appeals::AppealDesk load_desk(store::Database& db, const appeals::Rubric& rubric,
                              std::string notice_key) {
  appeals::CaseBook book(store::load_cases(db));
  for (const auto& [case_id, message_id] : store::load_thread_ids(db)) {
    book.add_thread_id(case_id, message_id);
  }
  for (const auto& [case_id, when] : store::load_closures(db)) {
    book.close(case_id, when);
  }
  book.set_notice_key(std::move(notice_key));
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
  return already_taken(found->id, found->folder, found->action);
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

  if (auto dup = store::find_duplicate(db_, mid, sha)) {
    SQLite::Transaction tx(db_.sql());
    store::update_location(db_, dup->id, uidvalidity, uid);
    store::AuditEvent e;
    e.ts_ms = now_ms;
    e.event = "ignored";
    e.message_id = mid;
    e.case_id = dup->case_id;
    e.action = "ignore";
    e.reason = dup->sha256 == sha ? "already taken: same content as an earlier message"
                                  : "already taken: same Message-ID as an earlier message";
    e.extra = {{"uid", std::to_string(uid)}, {"folder", dup->folder}};
    store::append_audit(db_, e);
    tx.commit();
    return already_taken(dup->id, dup->folder, "ignore");
  }

  const bool cut = truncated || m.truncated;
  const SettledVerdict s =
      settle_verdict(db_, setup_, m, desk_.judge(m), {},
                     cut ? TruncatedMessage::to_triage : TruncatedMessage::intact, now_ms);

  store::StoredMessage row;
  row.message_id = mid;
  row.sha256 = sha;
  row.uidvalidity = uidvalidity;
  row.uid = uid;
  row.received_at = now_ms / 1000;
  row.folder = folder_for(s.verdict.decision.action, setup_.config.imap);
  row.truncated = cut;

  SQLite::Transaction tx(db_.sql());
  IntakeOutcome out = commit_verdict(db_, setup_, desk_, m, s, std::move(row), raw, now_ms);
  tx.commit();
  return out;
}

std::expected<IntakeOutcome, std::string> MailIntake::assign(std::int64_t stored_id,
                                                             std::string_view case_id,
                                                             std::string_view actor,
                                                             std::string_view note) {
  const std::int64_t now_ms = now_();
  const std::string wanted(case_id);
  // IMMEDIATE: the checks and the outcome under one write lock, so the daemon or another operator
  // cannot decide the same message in between.
  SQLite::Transaction tx(db_.sql(), SQLite::TransactionBehavior::IMMEDIATE);
  auto item = open_triage_item(db_, stored_id);
  if (!item) {
    return std::unexpected(item.error());
  }
  if (desk_.book().find(wanted) == nullptr) {
    return std::unexpected("no case " + wanted + " in the store");
  }
  if (const auto closed = closed_at(db_, wanted)) {
    return std::unexpected("case " + wanted + " is closed: its appeal was decided at " +
                           parsers::to_rfc3339({*closed, 0}));
  }
  const auto raw = store::raw_bytes(db_, stored_id);
  if (!raw) {
    return std::unexpected("message " + std::to_string(stored_id) + " has no stored raw bytes");
  }
  const parsers::Message m = parsers::parse_message(*raw, setup_.parse);
  store::StoredMessage row = std::move(item->message);
  const bool cut = row.truncated || m.truncated;
  const SettledVerdict s =
      settle_verdict(db_, setup_, m, desk_.judge_assigned(m, wanted), {"assigned"},
                     cut ? TruncatedMessage::flag_only : TruncatedMessage::intact, now_ms);

  store::TriageDecision d;
  d.message = stored_id;
  d.state = store::TriageState::assigned;
  d.case_id = wanted;
  d.decided_by = std::string(actor);
  d.reason = std::string(note);
  d.decided_at = now_ms / 1000;
  store::record_triage_decision(db_, d);

  store::AuditEvent e;
  e.ts_ms = now_ms;
  e.event = "assigned";
  e.case_id = wanted;
  e.message_id = row.message_id;
  e.action = std::string(to_string(s.verdict.decision.action));
  e.reason = "assigned to " + wanted + " by " + std::string(actor) +
             (note.empty() ? "" : ": " + responders::sanitize_header_text(note));
  e.actor = std::string(actor);
  e.extra = {{"triage_id", std::to_string(stored_id)}, {"triage_reason", row.reason}};
  store::append_audit(db_, e);

  IntakeOutcome out = commit_verdict(db_, setup_, desk_, m, s, std::move(row), *raw, now_ms);
  tx.commit();
  return out;
}

} // namespace appeald::daemon
