#include "responders/decision_composer.hpp"

#include "responders/case_values.hpp"

#include "parsers/date_time.hpp"
#include "parsers/header_block.hpp"
#include "responders/header_encoding.hpp"
#include "responders/text_wrap.hpp"
#include "responders/thread_headers.hpp"

namespace appeald::responders {

namespace {

constexpr std::size_t body_width = 72;

TemplateValues template_values(const appeals::CaseRecord& c, const Decision& d,
                               const ReplySettings& settings) {
  TemplateValues v = case_template_values(c, settings);
  v.scalars["reviewer"] = sanitize_header_text(d.reviewer);
  v.scalars["text"] = d.text;
  // The reviewer's words may span lines; the body keeps them as written.
  switch (d.kind) {
  case DecisionKind::accept:
    v.scalars["note"] = d.text;
    break;
  case DecisionKind::reject:
    v.scalars["reason"] = d.text;
    break;
  case DecisionKind::ask:
    break;
  }
  return v;
}

const TextTemplate& template_for(DecisionKind kind, const Templates& templates) {
  switch (kind) {
  case DecisionKind::accept:
    return templates.decision_accept;
  case DecisionKind::reject:
    return templates.decision_reject;
  case DecisionKind::ask:
    break;
  }
  return templates.decision_ask;
}

} // namespace

std::string_view to_string(DecisionKind kind) {
  switch (kind) {
  case DecisionKind::accept:
    return "accept";
  case DecisionKind::reject:
    return "reject";
  case DecisionKind::ask:
    break;
  }
  return "ask";
}

std::string decision_message_id(const appeals::CaseRecord& c, const Decision& d,
                                const ReplySettings& settings, std::int64_t now_ms) {
  return hashed_message_id(
      {c.id, "decision", to_string(d.kind), std::to_string(now_ms), d.reviewer, d.text},
      message_id_domain(settings.message_id_domain, settings.from.address));
}

std::expected<OutgoingMail, std::string>
compose_decision(const appeals::CaseRecord& c, const parsers::Message* latest, const Decision& d,
                 const Templates& templates, const ReplySettings& settings, std::int64_t now_ms) {
  if (!is_sendable_address(c.address)) {
    return std::unexpected("case " + c.id + ": its address \"" + sanitize_header_text(c.address) +
                           "\" cannot be mailed");
  }
  OutgoingMail mail;
  mail.from = settings.from;
  mail.to = {parsers::Mailbox{"", c.address}};
  if (c.representative && is_sendable_address(*c.representative) &&
      !parsers::iequals(*c.representative, c.address)) {
    mail.cc = {parsers::Mailbox{"", *c.representative}};
  }

  std::optional<std::string> parent_id;
  if (latest != nullptr && latest->message_id) {
    parent_id = sendable_message_id(*latest->message_id);
  }
  if (parent_id) {
    mail.in_reply_to = *parent_id;
    mail.references = reply_references(*latest, max_reference_ancestors);
  } else if (auto notice = sendable_message_id(c.notice_message_id)) {
    mail.in_reply_to = *notice;
    mail.references = {*notice};
  }
  mail.subject = reply_subject(latest != nullptr ? latest->subject : "", c);
  mail.message_id = decision_message_id(c, d, settings, now_ms);

  const std::string loop_header =
      is_field_name(settings.loop_header) ? settings.loop_header : ReplySettings{}.loop_header;
  // No Auto-Submitted: a person decided, and RFC 3834 covers automatic responses only.
  mail.extra_headers = {{loop_header, "1"},
                        {"X-Appeald-Case", c.id},
                        {"X-Appeald-Decision", std::string(to_string(d.kind))}};
  mail.date = parsers::DateTime{now_ms / 1000, 0};
  mail.body = wrap_text(template_for(d.kind, templates).render(template_values(c, d, settings)),
                        body_width);
  return mail;
}

} // namespace appeald::responders
