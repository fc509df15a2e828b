#pragma once
// The part of taking a message that is the same however it came in: from the watched mailbox
// (MailIntake::take) or from the triage queue, assigned by an operator (MailIntake::assign).
// First the desk's verdict is settled (the reply budget, the reply composed), then the whole
// outcome is written inside the caller's transaction: the message row, its thread id, the case's
// assessment, the review queue, the reply in the outbox with the reply counter, and the audit
// events. Internal to daemon/mail_intake.
#include "appeals/appeal_desk.hpp"
#include "daemon/mail_intake.hpp"
#include "daemon/run_setup.hpp"
#include "parsers/message.hpp"
#include "responders/outgoing_mail.hpp"
#include "store/database.hpp"
#include "store/message_repository.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace appeald::daemon {

// What a message cut at max_message_bytes does to its verdict.
enum class TruncatedMessage {
  intact,    // not cut
  to_triage, // judging a prefix could miss what the rest says: a person reads it (take)
  flag_only, // a person already read it and vouched for it: judged as kept, flagged (assign)
};

// A verdict ready to commit.
struct SettledVerdict {
  appeals::Verdict verdict;       // the final decision (truncation or the budget may triage it)
  std::vector<std::string> flags; // for the review entry: "truncated", "sender_differs", ...
  std::optional<responders::OutgoingMail> reply; // the automatic reply, when one goes out
  bool reply_limited = false;                    // the case's budget was spent: no reply
  bool assessed_now = false; // the desk read the message into its case's assessment
};

// Settles the desk's verdict `v` of `m` at `now_ms` (UTC milliseconds): applies `truncated`,
// adds "sender_differs" and "sender_unauthenticated" to `flags`, and for an answerable action
// either composes the reply or, past max_auto_replies_per_case, flags "reply_limit_reached" and
// triages all but a review. Reads the case's reply count from `db`.
SettledVerdict settle_verdict(store::Database& db, const RunSetup& setup, const parsers::Message& m,
                              appeals::Verdict v, std::vector<std::string> flags,
                              TruncatedMessage truncated, std::int64_t now_ms);

// Writes the settled outcome of `m` in the caller's transaction and returns it. `row` carries
// where the message is (message_id, sha256, uidvalidity, uid, received_at, folder, truncated);
// its judgement (case, action, reason, verdict) is filled in here. Row id 0: a new message,
// inserted with `raw` and audited "received"; otherwise the stored message judged again
// (store::update_judgement; `raw` unused, its folder kept). Then "matched", "assessed", the
// outcome ("ignored", "triaged" or "queued" with the review entry), and "reply_queued" or
// "reply_limited". The desk's thread learns the reply's id.
IntakeOutcome commit_verdict(store::Database& db, const RunSetup& setup, appeals::AppealDesk& desk,
                             const parsers::Message& m, const SettledVerdict& s,
                             store::StoredMessage row, std::string_view raw, std::int64_t now_ms);

} // namespace appeald::daemon
