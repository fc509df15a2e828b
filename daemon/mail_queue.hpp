#pragma once
// Putting a mail appeald composed (an automatic reply, a reviewer's decision, a notice) into the
// outbox of a case. The mail's Message-ID is fixed here, before any attempt, and joins the case's
// thread so the customer's answer to it matches the case. The envelope is checked here, the last
// step before SMTP: whatever a composer missed, nothing unsendable reaches RCPT TO or MAIL FROM.
#include "responders/outgoing_mail.hpp"
#include "store/database.hpp"

#include <cstdint>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace appeald::daemon {

// Queues `mail` of `kind` ("request_info", "decision", ...) in `case_id`, to be sent from
// `envelope_from` ("" = the null reverse-path of automatic responses) as of `now` (UTC seconds).
// Runs in the caller's transaction. Returns the envelope recipients: the To and Cc addresses
// that are one sendable addr-spec each (responders::envelope_recipients), invalid ones dropped.
// Queues nothing, and returns an error naming the mail, when no recipient is left or
// `envelope_from` is neither "" nor a sendable address:
// "mail <id>: no sendable recipient" / "mail <id>: unsendable envelope sender".
std::expected<std::vector<std::string>, std::string>
queue_mail(store::Database& db, std::string_view case_id, std::string_view kind,
           std::string_view envelope_from, const responders::OutgoingMail& mail, std::int64_t now);

} // namespace appeald::daemon
