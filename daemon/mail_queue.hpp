#pragma once
// Putting a mail appeald composed (an automatic reply, a reviewer's decision) into the outbox of
// a case. The mail's Message-ID is fixed here, before any attempt, and joins the case's thread so
// the customer's answer to it matches the case.
#include "responders/outgoing_mail.hpp"
#include "store/database.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace appeald::daemon {

// Queues `mail` of `kind` ("request_info", "decision", ...) in `case_id`, to be sent from
// `envelope_from` ("" = the null reverse-path of automatic responses) as of `now` (UTC seconds).
// Runs in the caller's transaction. Returns the envelope recipients.
std::vector<std::string> queue_mail(store::Database& db, std::string_view case_id,
                                    std::string_view kind, std::string_view envelope_from,
                                    const responders::OutgoingMail& mail, std::int64_t now);

} // namespace appeald::daemon
