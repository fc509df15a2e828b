#pragma once
// The reply templates, one per action that gets an automatic reply. config/templates_loader
// reads them from `[policy] templates` (default: the ones shipped in config/templates/).
//
// Templates are plain bodies: the Subject and every other header are composed by
// reply_composer from the original message, so an operator editing a template cannot break
// threading or the case tag.
// Write each paragraph on one line: compose_reply wraps the rendered body at 72 columns (list
// items hang under their "- "), so quoted customer words and rubric texts wrap the same way.
//
// Placeholders every template may use (see template_text.hpp for the syntax):
//   {{case}}      the case id, "C-1001"
//   {{account}}   the account id
//   {{address}}   the account's address
//   {{kind}}      "probation" or "suspension"
//   {{issue}}     "bounce", "complaint", "unsolicited" or "other"
//   {{deadline}}  "2026-11-15 00:00 UTC", or empty when the case has none
//   {{team}}      the display name of the From address ("Enforcement Team"), or "Enforcement Team"
//   {{#missing}}...{{/missing}}  request_info: each missing element, with the fields
//                 {{id}}, {{title}} (the rubric's words), {{heading}} (the title with a capital)
//                 and {{request}} (the rubric's request text)
//   {{#planned}}...{{/planned}}  await_fixes: each planned or in-progress change the customer
//                 described, as {{.}} (their words, on one line)
//   {{has_missing}}, {{has_planned}}  "yes" when the list has items, else empty: for text
//                 shown once above or instead of a list ({{#has_planned}}...{{/has_planned}})
//
// The decision templates (decision_accept.txt, decision_reject.txt, decision_ask.txt) are the
// mails a reviewer's `appeald review accept|reject|ask` sends (responders/decision_composer.hpp).
// They may use the scalars above except has_missing and has_planned (no lists), plus:
//   {{note}}      accept: the reviewer's --note, or empty
//   {{reason}}    reject: the reviewer's --reason (why the appeal was not accepted)
//   {{text}}      ask: the reviewer's --text (the question); in every template, the reviewer's
//                 words of that decision (the note, the reason or the question)
//   {{reviewer}}  the reviewer's name as given to --reviewer (a login name by default, so the
//                 shipped templates sign with {{team}} instead)
//
// The notice template (notice.txt) is the enforcement notice `appeald notice send` mails
// (responders/notice_composer.hpp), one template for probations and suspensions. It may use the
// scalars case, account, address, kind, issue, deadline and team above, plus:
//   {{summary}}   the operator's --summary of the problem, or empty (the template then gives
//                 its own text per issue)
//   {{has_summary}}, {{has_deadline}}  "yes" when set, else empty
//   {{is_probation}}, {{is_suspension}}  "yes" for the notice's kind, else empty
//   {{issue_bounce}}, {{issue_complaint}}, {{issue_unsolicited}}, {{issue_other}}  "yes" for
//                 the case's issue, else empty
//   {{#elements}}...{{/elements}}  what the appeal must explain: the rubric's elements for the
//                 issue (core first), with {{number}} (the core elements' rubric notice_item,
//                 then the next numbers), {{id}}, {{title}}, {{heading}}, {{request}} and
//                 {{details}} (the request without a first clause that repeats the title).
//                 Customers answer under each quoted point: keep each element in a paragraph of
//                 its own that shows its {{heading}} (the rubric's `questions` cues recognise
//                 the titles) and starts with "{{number}}." (numbered answers are read by
//                 notice_item).
#include "responders/template_text.hpp"

namespace appeald::responders {

struct Templates {
  TextTemplate request_info;
  TextTemplate await_fixes;
  TextTemplate review;
  // Decisions. Default-initialised so the three reply templates can still be given alone
  // (`Templates{a, b, c}`); a default template renders nothing.
  TextTemplate decision_accept{};
  TextTemplate decision_reject{};
  TextTemplate decision_ask{};
  // The enforcement notice (notice.txt).
  TextTemplate notice{};
};

// The names above: what compose_reply supplies and what the loader accepts.
const TemplateSchema& reply_template_schema();

// The names a decision template may use: what compose_decision supplies and what the loader
// accepts for the decision_*.txt files.
inline const TemplateSchema& decision_template_schema() {
  static const TemplateSchema schema{
      {"case", "account", "address", "kind", "issue", "deadline", "team", "note", "reason", "text",
       "reviewer"},
      {},
  };
  return schema;
}

// The names the notice template may use: what compose_notice supplies and what the loader
// accepts for notice.txt.
inline const TemplateSchema& notice_template_schema() {
  static const TemplateSchema schema{
      {"case", "account", "address", "kind", "issue", "deadline", "team", "summary", "is_probation",
       "is_suspension", "issue_bounce", "issue_complaint", "issue_unsolicited", "issue_other",
       "has_summary", "has_deadline"},
      {{"elements", {"number", "id", "title", "heading", "request", "details"}}},
  };
  return schema;
}

} // namespace appeald::responders
