#pragma once
// The automatic reply to an appeal: headers that thread it under the customer's message and keep
// the case tag, and a body from the action's template.
#include "appeals/case_record.hpp"
#include "appeals/decision.hpp"
#include "appeals/rubric.hpp"
#include "parsers/date_time.hpp"
#include "parsers/message.hpp"
#include "responders/outgoing_mail.hpp"
#include "responders/templates.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace appeald::responders {

struct ReplySettings {
  parsers::Mailbox from; // [smtp] from
  std::string loop_header = "X-Appeald-Loop";
  std::string message_id_domain; // "" = the domain of `from`
};

// A forged Reply-To must not turn an auto-reply into a mass mailing: at most this many of its
// addresses are answered.
inline constexpr std::size_t max_reply_recipients = 5;
// References keeps the thread root and this many nearest ancestors (RFC 5322 3.6.4 leaves the
// trimming to us; long threads would otherwise grow the header without bound).
inline constexpr std::size_t max_reference_ancestors = 20;

// The reply to `original`, which was judged `d` in case `c`; nullopt for ignore and triage
// (never answered automatically) and when no sendable recipient is left.
//
// - From: settings.from (not validated here: config does; render_rfc5322 omits an unsendable one).
// - To: the sendable Reply-To addresses (at most max_reply_recipients), else From.
// - Cc: the case's account address whenever it is not already in To (a Reply-To or a From other
//   than the account: a third party never takes a case over silently); the case's
//   representative too, when set (the contract copies them on decisions).
// - Subject: reply_subject().
// - In-Reply-To: the original Message-ID. References: the original References (or, without
//   them, its single In-Reply-To) plus its Message-ID, keeping the first and the last
//   max_reference_ancestors.
// - Message-ID: reply_message_id(), deterministic for the same input so dry-runs repeat.
// - Auto-Submitted: auto-replied (RFC 3834); `settings.loop_header`: 1; X-Appeald-Case: the id.
// - Date: `now`. Body: the action's template, wrapped at 72 columns.
// `missing_elements` are the rubric elements behind d.missing (request_info), and
// `planned_changes` the customer's planned or in-progress changes (await_fixes), each in their
// words.
std::optional<OutgoingMail>
compose_reply(const parsers::Message& original, const appeals::CaseRecord& c,
              const appeals::Decision& d,
              const std::vector<const appeals::RubricElement*>& missing_elements,
              const std::vector<std::string>& planned_changes, const Templates& templates,
              const ReplySettings& settings, parsers::DateTime now);

// Whether compose_reply() returns a reply for `original` judged `action`: the action has a
// template (not ignore or triage) and Reply-To or From holds a sendable address. Cheap (no body
// is rendered), for callers that need the reply's Message-ID (reply_message_id()) before it is
// composed.
bool reply_due(const parsers::Message& original, appeals::Action action,
               const Templates& templates);

// "Re: " + `original_subject` without its reply prefixes (Re:, RE:, Aw:, Sv:, Antw:, Re[2]: ...,
// also right after a leading case tag), with "[<case id>]" kept where it is (compared
// case-insensitively) or put in front. An empty subject becomes
// "Re: [<case id>] Your appeal for account <account>".
std::string reply_subject(std::string_view original_subject, const appeals::CaseRecord& c);

// "<appeald." + 16 hex digits of a 64-bit FNV-1a hash over the original's Message-ID, From,
// Date and Subject, the case id, the action and `now` + "@" + domain>, where domain is
// settings.message_id_domain, else the domain of settings.from, else "appeald.invalid".
std::string reply_message_id(const parsers::Message& original, const appeals::CaseRecord& c,
                             appeals::Action action, const ReplySettings& settings,
                             parsers::DateTime now);

} // namespace appeald::responders
