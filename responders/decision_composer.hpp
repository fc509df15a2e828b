#pragma once
// The mail a reviewer's decision sends (`appeald review accept|reject|ask`): addressed to the
// case's account, threaded under the customer's latest message, with a body from the decision's
// template. A person decided, so it is not an automatic response (RFC 3834 does not apply).
#include "appeals/case_record.hpp"
#include "parsers/message.hpp"
#include "responders/outgoing_mail.hpp"
#include "responders/reply_composer.hpp"
#include "responders/templates.hpp"

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>

namespace appeald::responders {

enum class DecisionKind { accept, reject, ask };
// "accept", "reject", "ask" (the audit action of a `decided` event).
std::string_view to_string(DecisionKind kind);

struct Decision {
  DecisionKind kind = DecisionKind::accept;
  // The reviewer's words: accept, the note ("" for none); reject, the reason; ask, the question.
  std::string text;
  std::string reviewer; // who decided
};

// The decision mail for case `c`, composed at `now_ms` (UTC milliseconds).
//
// - From: settings.from. To: the case's address. Cc: the case's representative when set and
//   different from To.
// - Threading: under `latest` (the customer's latest message in the case: In-Reply-To its
//   Message-ID, References as compose_reply builds them); when `latest` is null or has no
//   usable Message-ID, under the case's notice (In-Reply-To and References: notice_message_id).
// - Subject: reply_subject() of `latest`'s subject ("" without one), so "[<case id>]" is kept.
// - Message-ID: decision_message_id(). Date: now.
// - Extra headers: `settings.loop_header`: 1, X-Appeald-Case: the case id, X-Appeald-Decision:
//   to_string(d.kind). No Auto-Submitted.
// - Body: templates.decision_accept, _reject or _ask with the placeholders of
//   responders/templates.hpp, wrapped at 72 columns.
// Error: "case C-1: its address \"...\" cannot be mailed" when the case's address is not
// sendable.
std::expected<OutgoingMail, std::string>
compose_decision(const appeals::CaseRecord& c, const parsers::Message* latest, const Decision& d,
                 const Templates& templates, const ReplySettings& settings, std::int64_t now_ms);

// "<appeald.HEX@domain>" like reply_message_id(), hashed over the case id, "decision", the kind,
// `now_ms`, the reviewer and the text, so two decisions on a case never share an id (a
// reject and a later ask, or two asks) while the same call repeats the same id.
std::string decision_message_id(const appeals::CaseRecord& c, const Decision& d,
                                const ReplySettings& settings, std::int64_t now_ms);

} // namespace appeald::responders
