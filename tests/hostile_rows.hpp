#pragma once
// The documented outcome of every hostile fixture (tests/data/hostile/README.md has the same
// table in prose), and the cases they are judged against. Shared by test_hostile_corpus (judged
// in process) and test_hostile_dry_run (judged by the built binary).
#include <string>
#include <string_view>
#include <vector>

namespace appeald::test::hostile {

// Two cases: C-1001 (bounce) whose notice most fixtures answer, and C-2002 (complaint, with a
// representative) that the forged-From fixtures aim at.
inline constexpr std::string_view cases_jsonl =
    R"({"case":"C-1001","account":"111122223333","address":"ops@example.com","kind":"probation",)"
    R"("issue":"bounce","notice_message_id":"<n-1001@enforcement.example>",)"
    R"("sent_at":"2026-11-01T10:00:00Z","deadline":"2026-11-30T00:00:00Z","representative":null})"
    "\n"
    R"({"case":"C-2002","account":"444455556666","address":"victim@example.org",)"
    R"("kind":"suspension","issue":"complaint","notice_message_id":"<n-2002@enforcement.example>",)"
    R"("sent_at":"2026-11-02T10:00:00Z","deadline":null,"representative":"rep@agency.example"})"
    "\n";

// Our MX's authserv-id: the topmost Authentication-Results of every auth fixture carries it.
inline constexpr std::string_view authserv_id = "mx.example.com";
// appeald's own address in the tests.
inline constexpr std::string_view own_address = "enforcement@example.net";

struct Outcome {
  std::string file;       // fixture file name (committed or generated)
  std::string action;     // contract action name
  std::string reason;     // a substring of the reason
  std::string case_id;    // "" = no case
  std::string matched_by; // contract rule name
  // For answered messages: the exact To and Cc addresses of the reply, in order.
  std::vector<std::string> to;
  std::vector<std::string> cc;
  // Flagged `sender_unauthenticated`: matched by a trusted rule though authentication failed.
  bool sender_unauthenticated = false;
};

inline const std::vector<Outcome>& outcomes() {
  const std::vector<std::string> ops = {"ops@example.com"};
  static const std::vector<Outcome> rows = {
      // Authentication-Results: only the topmost one of our authserv-id counts.
      {"auth-forged-fail-below-pass.eml", "request_info", "missing:", "C-1001", "sender", ops, {}},
      {"auth-forged-pass-below-fail.eml", "triage", "authentication", "C-1001", "sender", {}, {}},
      // Malformed encodings: read as far as they go, then judged on what they say.
      {"base64-broken.eml", "request_info", "missing:", "C-1001", "in-reply-to", ops, {}},
      {"charset-iso2022jp-garbage.eml",
       "request_info",
       "missing:",
       "C-1001",
       "in-reply-to",
       ops,
       {}},
      {"charset-unknown.eml", "request_info", "missing:", "C-1001", "in-reply-to", ops, {}},
      {"charset-utf8-with-latin1-bytes.eml",
       "request_info",
       "missing:",
       "C-1001",
       "in-reply-to",
       ops,
       {}},
      // CR/LF injection: answered, but nothing after a CR/LF becomes a header or a recipient.
      {"crlf-bare-cr-lf.eml", "request_info", "missing:", "C-1001", "in-reply-to", ops, {}},
      {"crlf-names-encoded-words.eml",
       "request_info",
       "missing:",
       "C-1001",
       "in-reply-to",
       ops,
       {}},
      {"crlf-percent-encoded.eml", "request_info", "missing:", "C-1001", "in-reply-to", ops, {}},
      {"crlf-subject-encoded-word.eml",
       "request_info",
       "missing:",
       "C-1001",
       "in-reply-to",
       ops,
       {}},
      {"encoded-words-bad.eml", "request_info", "missing:", "C-1001", "in-reply-to", ops, {}},
      // Forged From: without passing authentication a sender match goes to a person.
      {"forged-from-other-case.eml", "triage", "authentication", "C-2002", "sender", {}, {}},
      // The contract trusts subject-tag matches whatever the authentication says; the reply goes
      // to the Reply-To, with the account and its representative copied, and the reviewer is
      // told authentication failed.
      {"forged-from-subject-tag.eml",
       "request_info",
       "missing:",
       "C-2002",
       "subject-tag",
       {"collector@attacker.example"},
       {"victim@example.org", "rep@agency.example"},
       true},
      {"fuzz-timeout-mislabelled-cp949-html.eml", "triage", "no case matched", "", "none", {}, {}},
      {"invalid-utf8.eml", "request_info", "missing:", "C-1001", "in-reply-to", ops, {}},
      // Ids so long that a header line holding one would pass 998 bytes: dropped, never written.
      {"long-message-ids.eml", "request_info", "missing:", "C-1001", "in-reply-to", ops, {}},
      {"nul-bytes.eml", "request_info", "missing:", "C-1001", "in-reply-to", ops, {}},
      // Copies of appeald's own headers: the loop header is obeyed, the others mean nothing.
      {"own-header-case-other.eml", "request_info", "missing:", "C-1001", "sender", ops, {}},
      {"own-header-decision.eml", "await_fixes", "only planned", "C-1001", "in-reply-to", ops, {}},
      {"own-header-loop.eml", "ignore", "loop", "C-1001", "in-reply-to", {}, {}},
      {"qp-broken.eml", "request_info", "missing:", "C-1001", "in-reply-to", ops, {}},
      // A Reply-To to a third party is answered, with the account copied.
      {"reply-to-third-party.eml",
       "request_info",
       "missing:",
       "C-1001",
       "in-reply-to",
       {"third@elsewhere.example"},
       ops},
      // Generated (hostile_generated.hpp): every limit hit goes to a person, nothing is answered.
      {"gen-base64-in-base64.eml", "request_info", "missing:", "C-1001", "in-reply-to", ops, {}},
      {"gen-base64-rfc822-chain.eml", "request_info", "missing:", "C-1001", "in-reply-to", ops, {}},
      {"gen-header-1mb.eml", "triage", "max_header_bytes", "C-1001", "in-reply-to", {}, {}},
      {"gen-header-count-2500.eml", "triage", "max_header_count", "C-1001", "in-reply-to", {}, {}},
      {"gen-html-nesting-5000.eml", "triage", "max_html_depth", "C-1001", "in-reply-to", {}, {}},
      {"gen-line-100k.eml", "triage", "max_line_bytes", "C-1001", "in-reply-to", {}, {}},
      {"gen-mime-depth-100.eml", "triage", "max_mime_depth", "C-1001", "in-reply-to", {}, {}},
      {"gen-parts-5000.eml", "triage", "max_parts", "C-1001", "in-reply-to", {}, {}},
      {"gen-rfc822-nested-50.eml", "triage", "max_mime_depth", "C-1001", "in-reply-to", {}, {}},
      {"gen-text-1500k.eml", "triage", "max_text_bytes", "C-1001", "in-reply-to", {}, {}},
      // Judged with max_message_bytes = small_max_message_bytes.
      {"gen-message-20k.eml", "triage", "max_message_bytes", "C-1001", "in-reply-to", {}, {}},
  };
  return rows;
}

inline const Outcome* outcome_for(std::string_view file) {
  for (const Outcome& o : outcomes()) {
    if (o.file == file) {
      return &o;
    }
  }
  return nullptr;
}

} // namespace appeald::test::hostile
