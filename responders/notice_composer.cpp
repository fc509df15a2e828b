#include "responders/notice_composer.hpp"

#include "appeals/notice_id.hpp"
#include "responders/case_values.hpp"
#include "responders/header_encoding.hpp"
#include "responders/text_wrap.hpp"
#include "responders/thread_headers.hpp"

#include "parsers/header_block.hpp"

#include <algorithm>

namespace appeald::responders {

namespace {

constexpr std::size_t body_width = 72;
constexpr std::string_view yes = "yes";

std::string_view issue_words(appeals::Issue issue) {
  switch (issue) {
  case appeals::Issue::bounce:
    return "bounces";
  case appeals::Issue::complaint:
    return "spam complaints";
  case appeals::Issue::unsolicited:
    return "unsolicited mail";
  case appeals::Issue::other:
    break;
  }
  return "policy violation";
}

std::string flag(bool on) {
  return on ? std::string(yes) : std::string();
}

std::string capitalised(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') {
    s[0] = static_cast<char>(s[0] - 'a' + 'A');
  }
  return s;
}

// The request without a first clause that only repeats the title ("How and why the problem
// occurred: what happened, ..." under the heading "How and why the problem occurred"), so the
// notice does not say it twice.
std::string details_of(const appeals::RubricElement& e) {
  const std::string_view request = e.request;
  if (request.size() > e.title.size() + 1 &&
      parsers::iequals(request.substr(0, e.title.size()), e.title) &&
      request[e.title.size()] == ':') {
    const std::string_view rest = parsers::trim(request.substr(e.title.size() + 1));
    if (!rest.empty()) {
      return capitalised(std::string(rest));
    }
  }
  return e.request;
}

// The elements the appeal must explain, numbered: a core element keeps its notice_item (the
// number numbered answers are read by), the others follow after the highest of those.
std::vector<TemplateItem> element_items(const appeals::Rubric& rubric, appeals::Issue issue) {
  const std::vector<const appeals::RubricElement*> required = rubric.required_for(issue);
  int next = 0;
  for (const appeals::RubricElement* e : required) {
    next = std::max(next, e->notice_item);
  }
  std::vector<std::pair<int, const appeals::RubricElement*>> numbered;
  for (const appeals::RubricElement* e : required) {
    numbered.emplace_back(e->notice_item > 0 ? e->notice_item : ++next, e);
  }
  std::stable_sort(numbered.begin(), numbered.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<TemplateItem> items;
  for (const auto& [number, e] : numbered) {
    items.push_back({{"number", std::to_string(number)},
                     {"id", e->id},
                     {"title", e->title},
                     {"heading", capitalised(e->title)},
                     {"request", e->request},
                     {"details", details_of(*e)}});
  }
  return items;
}

TemplateValues notice_values(const NoticeRequest& r, const appeals::Rubric& rubric,
                             const ReplySettings& settings) {
  const appeals::CaseRecord& c = r.c;
  TemplateValues v = case_template_values(c, settings);
  // The operator's words as written (several lines are fine in a body), without the trailing
  // blank lines a shell here-document leaves.
  std::string summary(parsers::trim(r.summary));
  v.scalars["summary"] = summary;
  v.scalars["has_summary"] = flag(!summary.empty());
  v.scalars["has_deadline"] = flag(c.deadline.has_value());
  v.scalars["is_probation"] = flag(c.kind == appeals::CaseKind::probation);
  v.scalars["is_suspension"] = flag(c.kind == appeals::CaseKind::suspension);
  v.scalars["issue_bounce"] = flag(c.issue == appeals::Issue::bounce);
  v.scalars["issue_complaint"] = flag(c.issue == appeals::Issue::complaint);
  v.scalars["issue_unsolicited"] = flag(c.issue == appeals::Issue::unsolicited);
  v.scalars["issue_other"] = flag(c.issue == appeals::Issue::other);
  v.lists["elements"] = element_items(rubric, c.issue);
  return v;
}

} // namespace

std::string notice_subject(const appeals::CaseRecord& c) {
  const std::string state =
      c.kind == appeals::CaseKind::suspension ? "has been suspended" : "is on probation";
  return "[" + c.id + "] Your account " + sanitize_header_text(c.account) + " " + state + ": " +
         std::string(issue_words(c.issue));
}

std::expected<OutgoingMail, std::string>
compose_notice(const NoticeRequest& r, const appeals::Rubric& rubric, const Templates& templates,
               const ReplySettings& settings, std::string_view notice_key, parsers::DateTime now) {
  const appeals::CaseRecord& c = r.c;
  if (!appeals::valid_case_id(c.id)) {
    return std::unexpected("case id \"" + sanitize_header_text(c.id) +
                           "\" is not valid (1-64 of A-Z a-z 0-9 . _ -, not starting with '.')");
  }
  if (!is_sendable_address(c.address)) {
    return std::unexpected("case " + c.id + ": its address \"" + sanitize_header_text(c.address) +
                           "\" cannot be mailed");
  }
  if (c.representative && !is_sendable_address(*c.representative)) {
    return std::unexpected("case " + c.id + ": the representative \"" +
                           sanitize_header_text(*c.representative) + "\" cannot be mailed");
  }
  if (!is_sendable_address(settings.from.address)) {
    return std::unexpected("smtp.from has no address to send from");
  }
  if (notice_key.empty()) {
    return std::unexpected("no notice key");
  }

  OutgoingMail mail;
  mail.from = settings.from;
  mail.to = {parsers::Mailbox{"", c.address}};
  if (c.representative && !parsers::iequals(*c.representative, c.address)) {
    mail.cc = {parsers::Mailbox{"", *c.representative}};
  }
  mail.subject = notice_subject(c);
  mail.message_id = appeals::notice_message_id(
      c.id, notice_key, message_id_domain(settings.message_id_domain, settings.from.address));
  const std::string loop_header =
      is_field_name(settings.loop_header) ? settings.loop_header : ReplySettings{}.loop_header;
  // No Auto-Submitted: a person sends the notice, and RFC 3834 covers automatic responses only.
  mail.extra_headers = {{loop_header, "1"},
                        {"X-Appeald-Case", c.id},
                        {"X-Appeald-Notice", std::string(appeals::to_string(c.kind))}};
  mail.date = now;
  mail.body = wrap_text(templates.notice.render(notice_values(r, rubric, settings)), body_width);
  return mail;
}

} // namespace appeald::responders
