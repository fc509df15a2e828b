#pragma once
// Taking one message from the watched mailbox: dedupe, judge, and commit the whole outcome in one
// transaction (the message with its raw bytes, thread ids, the case's assessment, the reply in the
// outbox, the review queue, the reply counter, the audit events). The caller moves the message out
// of the mailbox only after take() returned, so a crash at any point loses nothing: an uncommitted
// message is still in the mailbox and is taken again; a committed one is recognised by its
// location or content and only moved.
#include "appeals/appeal_desk.hpp"
#include "daemon/run_setup.hpp"
#include "store/database.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace appeald::daemon {

// Where a message goes and why.
struct IntakeOutcome {
  std::int64_t stored_id = 0;
  std::string folder;     // the configured processed/review/triage folder
  std::string action;     // the final contract action
  bool duplicate = false; // already taken before (same content or Message-ID): only moved
};

// Builds the engine for one cycle from the store: every case, its thread ids, closures and
// saved assessments. `rubric` must outlive the desk.
appeals::AppealDesk load_desk(store::Database& db, const appeals::Rubric& rubric);

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

  // Records that the message left the watched mailbox.
  void mark_moved(std::int64_t stored_id);

private:
  store::Database& db_;
  const RunSetup& setup_;
  appeals::AppealDesk& desk_;
  Clock now_;
};

} // namespace appeald::daemon
