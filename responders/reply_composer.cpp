#include "responders/reply_composer.hpp"

#include "responders/case_values.hpp"

#include "parsers/header_block.hpp"
#include "responders/header_encoding.hpp"
#include "responders/text_wrap.hpp"
#include "responders/thread_headers.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <set>

namespace appeald::responders {

namespace {

constexpr std::size_t body_width = 72;
// Planned changes quoted back to the customer; an appeal listing more is quoted in part.
constexpr std::size_t max_quoted_changes = 20;

// Stable names for hashing (independent of the enum's order).
std::string_view action_key(appeals::Action action) {
  switch (action) {
  case appeals::Action::ignore:
    return "ignore";
  case appeals::Action::triage:
    return "triage";
  case appeals::Action::await_fixes:
    return "await_fixes";
  case appeals::Action::request_info:
    return "request_info";
  case appeals::Action::review:
    return "review";
  }
  return "unknown";
}

bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Length of one reply prefix at the start of `s` ("Re:", "AW :", "Re[2]:", "Re^2:"), or 0.
std::size_t reply_prefix_length(std::string_view s) {
  static const std::set<std::string> prefixes = {"re", "aw", "sv", "vs", "antw", "odp", "ynt"};
  std::size_t i = 0;
  while (i < s.size() && is_letter(s[i])) {
    ++i;
  }
  if (i == 0 || !prefixes.contains(parsers::ascii_lower(s.substr(0, i)))) {
    return 0;
  }
  // Counters some clients add: Re[2]:, Re(2):, Re^2:
  if (i < s.size() && (s[i] == '[' || s[i] == '(' || s[i] == '^')) {
    const char open = s[i];
    std::size_t j = i + 1;
    while (j < s.size() && is_digit(s[j])) {
      ++j;
    }
    if (j == i + 1) {
      return 0;
    }
    if (open != '^') {
      if (j >= s.size() || s[j] != (open == '[' ? ']' : ')')) {
        return 0;
      }
      ++j;
    }
    i = j;
  }
  // French typography puts a space before the colon.
  while (i < s.size() && s[i] == ' ') {
    ++i;
  }
  if (i >= s.size() || s[i] != ':') {
    return 0;
  }
  ++i;
  while (i < s.size() && s[i] == ' ') {
    ++i;
  }
  return i;
}

std::string_view strip_reply_prefixes(std::string_view s) {
  while (true) {
    while (!s.empty() && s.front() == ' ') {
      s.remove_prefix(1);
    }
    const std::size_t n = reply_prefix_length(s);
    if (n == 0) {
      return s;
    }
    s.remove_prefix(n);
  }
}

std::string capitalised(std::string s) {
  if (!s.empty() && s.front() >= 'a' && s.front() <= 'z') {
    s.front() = static_cast<char>(s.front() - 'a' + 'A');
  }
  return s;
}

bool same_address(std::string_view a, std::string_view b) {
  return parsers::iequals(a, b);
}

bool contains_address(const std::vector<parsers::Mailbox>& list, std::string_view address) {
  for (const parsers::Mailbox& m : list) {
    if (same_address(m.address, address)) {
      return true;
    }
  }
  return false;
}

TemplateValues template_values(const appeals::CaseRecord& c,
                               const std::vector<const appeals::RubricElement*>& missing,
                               const std::vector<std::string>& planned,
                               const ReplySettings& settings) {
  TemplateValues v = case_template_values(c, settings);
  std::vector<TemplateItem>& missing_items = v.lists["missing"];
  for (const appeals::RubricElement* e : missing) {
    if (e == nullptr) {
      continue;
    }
    const std::string title = sanitize_header_text(e->title);
    missing_items.push_back({{"id", e->id},
                             {"title", title},
                             {"heading", capitalised(title)},
                             {"request", sanitize_header_text(e->request)}});
  }
  std::vector<TemplateItem>& planned_items = v.lists["planned"];
  for (const std::string& change : planned) {
    const std::string line = sanitize_header_text(change); // one line of their words
    if (!line.empty() && planned_items.size() < max_quoted_changes) {
      planned_items.push_back({{".", line}});
    }
  }
  v.scalars["has_missing"] = missing_items.empty() ? "" : "yes";
  v.scalars["has_planned"] = planned_items.empty() ? "" : "yes";
  return v;
}

const TextTemplate* template_for(appeals::Action action, const Templates& templates) {
  switch (action) {
  case appeals::Action::request_info:
    return &templates.request_info;
  case appeals::Action::await_fixes:
    return &templates.await_fixes;
  case appeals::Action::review:
    return &templates.review;
  case appeals::Action::ignore:
  case appeals::Action::triage:
    break;
  }
  return nullptr;
}

} // namespace

std::string reply_subject(std::string_view original_subject, const appeals::CaseRecord& c) {
  const std::string clean = sanitize_header_text(original_subject);
  std::string rest(strip_reply_prefixes(clean));
  const std::string tag = "[" + c.id + "]";
  if (rest.empty()) {
    return "Re: " + tag + " Your appeal for account " + sanitize_header_text(c.account);
  }
  if (c.id.empty()) {
    return "Re: " + rest;
  }
  // "[C-1001] Re: ..." (list-style tag first): drop the prefixes after the tag too.
  if (rest.size() > tag.size() &&
      parsers::iequals(std::string_view(rest).substr(0, tag.size()), tag)) {
    const std::string_view after = strip_reply_prefixes(std::string_view(rest).substr(tag.size()));
    rest = rest.substr(0, tag.size()) + (after.empty() ? "" : " " + std::string(after));
  }
  if (parsers::ascii_lower(rest).find(parsers::ascii_lower(tag)) != std::string::npos) {
    return "Re: " + rest;
  }
  return "Re: " + tag + " " + rest;
}

std::string reply_message_id(const parsers::Message& original, const appeals::CaseRecord& c,
                             appeals::Action action, const ReplySettings& settings,
                             parsers::DateTime now) {
  const std::string when = std::to_string(now.unix_seconds);
  const std::string date =
      original.date ? std::to_string(original.date->unix_seconds) : std::string("-");
  return hashed_message_id({original.message_id.value_or(""), original.from.address, date,
                            original.subject, c.id, action_key(action), when},
                           message_id_domain(settings.message_id_domain, settings.from.address));
}

bool reply_due(const parsers::Message& original, appeals::Action action,
               const Templates& templates) {
  if (template_for(action, templates) == nullptr) {
    return false;
  }
  // compose_reply() answers the sendable Reply-To addresses, else From.
  return std::ranges::any_of(
             original.reply_to,
             [](const parsers::Mailbox& m) { return is_sendable_address(m.address); }) ||
         is_sendable_address(original.from.address);
}

std::optional<OutgoingMail>
compose_reply(const parsers::Message& original, const appeals::CaseRecord& c,
              const appeals::Decision& d,
              const std::vector<const appeals::RubricElement*>& missing_elements,
              const std::vector<std::string>& planned_changes, const Templates& templates,
              const ReplySettings& settings, parsers::DateTime now) {
  if (!reply_due(original, d.action, templates)) {
    return std::nullopt;
  }
  const TextTemplate* body_template = template_for(d.action, templates);
  OutgoingMail mail;
  mail.from = settings.from;

  std::vector<parsers::Mailbox> to = sendable_mailboxes(original.reply_to);
  if (to.size() > max_reply_recipients) {
    to.resize(max_reply_recipients);
  }
  if (to.empty()) {
    to = sendable_mailboxes({original.from}); // not empty: reply_due() checked
  }
  mail.to = std::move(to);

  std::vector<parsers::Mailbox> cc;
  auto add_cc = [&](std::string_view address) {
    if (is_sendable_address(address) && !contains_address(mail.to, address) &&
        !contains_address(cc, address)) {
      cc.push_back(parsers::Mailbox{"", std::string(address)});
    }
  };
  // Whoever the reply goes to (a Reply-To, a colleague's From), the account's own address reads
  // it too, so a third party can never take a case over silently. add_cc skips it when it is
  // already in To.
  add_cc(c.address);
  if (c.representative) {
    add_cc(*c.representative);
  }
  mail.cc = std::move(cc);

  mail.subject = reply_subject(original.subject, c);
  mail.message_id = reply_message_id(original, c, d.action, settings, now);
  if (original.message_id) {
    mail.in_reply_to = sendable_message_id(*original.message_id).value_or("");
  }
  mail.references = reply_references(original, max_reference_ancestors);
  // A bad configured loop header name would be dropped when rendering, and the loop guard with
  // it: the default name is used instead.
  const std::string loop_header =
      is_field_name(settings.loop_header) ? settings.loop_header : ReplySettings{}.loop_header;
  mail.extra_headers = {
      {"Auto-Submitted", "auto-replied"}, {loop_header, "1"}, {"X-Appeald-Case", c.id}};
  mail.date = now;
  mail.body = wrap_text(
      body_template->render(template_values(c, missing_elements, planned_changes, settings)),
      body_width);
  return mail;
}

} // namespace appeald::responders
