#pragma once
// The contract's dry-run line for one judged message.
#include "appeals/appeal_desk.hpp"
#include "parsers/message.hpp"
#include "responders/outgoing_mail.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace appeald::daemon {

// {"message_id","from","case","matched_by","action","missing","found","reason","reply"} plus
// extensions: "origin" (where in the dump), "planned" (changes described as planned),
// "flags" ("sender_differs", "sender_unauthenticated", "truncated", "parse_warnings").
nlohmann::ordered_json verdict_to_json(const parsers::Message& m, const appeals::Verdict& v,
                                       const std::optional<responders::OutgoingMail>& reply,
                                       const std::string& origin);

} // namespace appeald::daemon
