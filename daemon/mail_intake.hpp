#pragma once
// Taking one message from the watched mailbox: dedupe, judge, and commit the whole outcome in one
// transaction (the message with its raw bytes, thread ids, the case's assessment, the reply in the
// outbox, the review queue, the reply counter, the audit events). The caller moves the message out
// of the mailbox only after take() returned, so a crash at any point loses nothing: an uncommitted
// message is still in the mailbox and is taken again; a committed one is recognised by its
// location or content and only moved.
//
// A triaged message can later be assigned to a case by an operator (assign()): it is judged again
// as that case's and its outcome is committed the same way, in one transaction.
#include "appeals/appeal_desk.hpp"
#include "daemon/run_setup.hpp"
#include "store/database.hpp"

#include <cstdint>
#include <expected>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace appeald::daemon {

// Where a message goes and why.
struct IntakeOutcome {
  std::int64_t stored_id = 0;
  std::string folder;           // the configured processed/review/triage folder
  std::string action;           // the final contract action
  bool duplicate = false;       // already taken before (same content or Message-ID): only moved
  std::string case_id;          // "" when unmatched (and for duplicates)
  std::string reason;           // the decision's reason ("" for duplicates)
  std::string reply_message_id; // the automatic reply queued, "" when none
  std::vector<std::string> reply_recipients; // its envelope recipients
  bool reply_limited = false;                // the case's reply budget was spent: no reply
};

// Builds the engine for one cycle from the store: every case, its thread ids, closures and
// saved assessments. `rubric` must outlive the desk.
// `notice_key` (RunSetup::notice_key; "" = none) lets the desk recognise replies to notices
// appeald signed even when their ids are not in the store's thread table.
appeals::AppealDesk load_desk(store::Database& db, const appeals::Rubric& rubric,
                              std::string notice_key = "");

class MailIntake {
public:
  using Clock = std::function<std::int64_t()>; // UTC milliseconds

  // `db`, `setup` and `desk` must outlive the intake. `desk` must be load_desk() of `db` (or kept
  // in step with it by this intake alone).
  MailIntake(store::Database& db, const RunSetup& setup, appeals::AppealDesk& desk, Clock now);

  // The outcome of a message already taken at this location (only to be moved), or nullopt when
  // the location is new.
  std::optional<IntakeOutcome> known(std::uint32_t uidvalidity, std::uint32_t uid);

  // Takes `raw`, fetched from (uidvalidity, uid); `truncated` when it was cut at the size limit.
  // Throws (SQLite) only when the store fails; nothing is committed then.
  IntakeOutcome take(std::uint32_t uidvalidity, std::uint32_t uid, std::string_view raw,
                     bool truncated);

  // Assigns triaged message `stored_id` (its triage id) to case `case_id` for operator `actor`,
  // with `note` (may be empty): the stored raw bytes are parsed with setup.parse and judged with
  // AppealDesk::judge_assigned, and in ONE transaction the message's judgement is updated
  // (store::update_judgement), the triage decision recorded, "assigned" audited (actor, case,
  // message_id, reason "assigned to C-1 by NAME: note"), then what take() commits for a verdict
  // ("matched" with reason "assigned", "assessed", the review entry, the reply in the outbox
  // within the case's reply budget, ...). A message cut at max_message_bytes is judged as kept
  // and flagged "truncated"; the review entry is also flagged "assigned".
  // The message stays where it is (the triage folder): this touches neither IMAP nor SMTP; the
  // daemon sends the queued reply. The desk should be loaded just before (load_desk) so it holds
  // the case's latest assessment.
  // Errors, one line: daemon/triage_decision.hpp open_triage_item's, "no case C-9 in the store",
  // "case C-1 is closed: its appeal was decided at T", "message 7 has no stored raw bytes".
  // Throws (SQLite) only when the store fails; nothing is committed then.
  std::expected<IntakeOutcome, std::string> assign(std::int64_t stored_id, std::string_view case_id,
                                                   std::string_view actor, std::string_view note);

  // Records that the message left the watched mailbox.
  void mark_moved(std::int64_t stored_id);

private:
  store::Database& db_;
  const RunSetup& setup_;
  appeals::AppealDesk& desk_;
  Clock now_;
};

} // namespace appeald::daemon
