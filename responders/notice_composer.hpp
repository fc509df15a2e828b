#pragma once
// The enforcement notice `appeald notice send` mails: addressed to the account, tagged with the
// case in its Subject, listing what an appeal must explain, under a Message-ID appeald can later
// verify as its own (appeals/notice_id.hpp). A person's notice, not an automatic response, so it
// carries no Auto-Submitted (RFC 3834).
#include "appeals/case_record.hpp"
#include "appeals/rubric.hpp"
#include "parsers/date_time.hpp"
#include "responders/outgoing_mail.hpp"
#include "responders/reply_composer.hpp"
#include "responders/templates.hpp"

#include <expected>
#include <string>
#include <string_view>

namespace appeald::responders {

struct NoticeRequest {
  appeals::CaseRecord c;
  std::string summary; // the operator's words on the problem; "" = the template's per-issue text
};

// The notice for `r.c`, composed at `now`.
//
// - From: settings.from. To: the case's address. Cc: the representative when set and different.
// - Subject: notice_subject(r.c).
// - Message-ID: appeals::notice_message_id(case id, notice_key, domain), the domain being
//   message_id_domain(settings.message_id_domain, settings.from.address).
// - Extra headers: `settings.loop_header`: 1 (as decisions carry it), X-Appeald-Case: the id,
//   X-Appeald-Notice: the kind. No Auto-Submitted, no In-Reply-To: a notice starts the thread.
// - Date: now. Body: templates.notice with the placeholders of responders/templates.hpp (the
//   elements are rubric.required_for(issue)), wrapped at 72 columns. The summary only ever
//   reaches the body, where line breaks are harmless (render_rfc5322).
// Errors, one line: "case id \"...\" is not valid (1-64 of A-Z a-z 0-9 . _ -, not starting
// with '.')", "case C-1: its address \"...\" cannot be mailed", "case C-1: the representative
// \"...\" cannot be mailed", "smtp.from has no address to send from", "no notice key".
std::expected<OutgoingMail, std::string>
compose_notice(const NoticeRequest& r, const appeals::Rubric& rubric, const Templates& templates,
               const ReplySettings& settings, std::string_view notice_key, parsers::DateTime now);

// "[C-1001] Your account 111122223333 is on probation: bounces" or
// "[C-1001] Your account 111122223333 has been suspended: spam complaints"; the issue reads
// "bounces", "spam complaints", "unsolicited mail" or "policy violation".
std::string notice_subject(const appeals::CaseRecord& c);

} // namespace appeald::responders
