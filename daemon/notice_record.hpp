#pragma once
// A new notice committed as one step: the case in the store, its mail in the outbox (the
// running daemon, or the next `run --once`, sends it and audits `notice_sent`) and the
// `notice_queued` audit event, in one IMMEDIATE transaction.
#include "appeals/case_record.hpp"
#include "responders/outgoing_mail.hpp"
#include "store/database.hpp"

#include <cstdint>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace appeald::daemon {

// Records case `c` (whose notice_message_id is `mail`'s Message-ID) and queues `mail` as outbox
// kind "notice", sent from `envelope_from` (the team's address: bounces of a notice come back to
// a person), at `now_ms` (UTC milliseconds). The audit event: `notice_queued`, the case,
// message_id = the mail's, action = the kind, reason = notice_reason(c), actor = `actor`.
// Returns the envelope recipients. Error (nothing committed): "case C-1 already exists (sent
// 2026-11-01T10:00:00Z)" when the store holds the id. Throws SQLite::Exception when the store
// fails.
std::expected<std::vector<std::string>, std::string>
record_notice(store::Database& db, const appeals::CaseRecord& c,
              const responders::OutgoingMail& mail, std::string_view envelope_from,
              std::string_view actor, std::int64_t now_ms);

// "probation notice for account 1111 (bounce), deadline 2026-11-15 00:00 UTC" or "suspension
// notice for account 1111 (complaint)": one line.
std::string notice_reason(const appeals::CaseRecord& c);

} // namespace appeald::daemon
