#pragma once
// Small hand-written mail for the fault suites: two cases and appeals that need more information
// (so each one is answered), plus an auto-responder's answer without any automatic-mail header.
#include <string>

namespace appeald::test {

inline const std::string fault_cases =
    R"({"case":"F-1","account":"100000000001","address":"ops@alpha.test","kind":"probation","issue":"bounce","notice_message_id":"<notice-f1@appeals.test>","sent_at":"2026-11-01T10:00:00Z","deadline":null,"representative":null})"
    "\n"
    R"({"case":"F-2","account":"100000000002","address":"mail@beta.test","kind":"suspension","issue":"complaint","notice_message_id":"<notice-f2@appeals.test>","sent_at":"2026-11-02T10:00:00Z","deadline":null,"representative":null})"
    "\n";

// An appeal in case F-1 or F-2 (`n` makes its Message-ID unique) that explains too little.
inline std::string short_appeal(int n, bool second_case = false) {
  const std::string from = second_case ? "mail@beta.test" : "ops@alpha.test";
  const std::string notice = second_case ? "<notice-f2@appeals.test>" : "<notice-f1@appeals.test>";
  const std::string tag = second_case ? "[F-2]" : "[F-1]";
  return "From: Customer <" + from +
         ">\r\n"
         "To: Enforcement Team <enforcement@appeals.test>\r\n"
         "Subject: Re: " +
         tag +
         " Your account is on probation\r\n"
         "Message-ID: <appeal-" +
         std::to_string(n) +
         "@customer.test>\r\n"
         "In-Reply-To: " +
         notice +
         "\r\n"
         "References: " +
         notice +
         "\r\n"
         "Date: Tue, 10 Nov 2026 10:00:00 +0000\r\n"
         "MIME-Version: 1.0\r\n"
         "Content-Type: text/plain; charset=utf-8\r\n"
         "\r\n"
         "Hello, we are sorry for the trouble (message " +
         std::to_string(n) +
         ").\r\n"
         "Please lift the restriction on our account.\r\n";
}

// A badly behaved vacation responder answering `reply_id` with no Auto-Submitted, no Precedence
// and no auto-reply subject: only the reply budget can stop it.
inline std::string responder_answer(int n, const std::string& reply_id,
                                    const std::string& subject) {
  return "From: Customer <ops@alpha.test>\r\n"
         "To: Enforcement Team <enforcement@appeals.test>\r\n"
         "Subject: Re: " +
         subject +
         "\r\n"
         "Message-ID: <responder-" +
         std::to_string(n) +
         "@customer.test>\r\n"
         "In-Reply-To: " +
         reply_id +
         "\r\n"
         "References: <notice-f1@appeals.test> " +
         reply_id +
         "\r\n"
         "Date: Tue, 10 Nov 2026 11:00:00 +0000\r\n"
         "\r\n"
         "Thank you for your email. We have received it and will reply within two business "
         "days.\r\n";
}

} // namespace appeald::test
