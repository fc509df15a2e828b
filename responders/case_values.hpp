#pragma once
// The template values every mail about a case shares (replies and decisions alike): {{case}},
// {{account}}, {{address}}, {{kind}}, {{issue}}, {{deadline}} and {{team}}, made safe for one
// line each. Mail-specific values are added by the composer.
#include "appeals/case_record.hpp"
#include "responders/reply_composer.hpp"
#include "responders/template_text.hpp"

#include <optional>
#include <string>

namespace appeald::responders {

// "2026-11-15 00:00 UTC", as templates show deadlines; "" without one.
std::string deadline_text(const std::optional<parsers::DateTime>& deadline);

// The case's values; {{team}} is the display name of settings.from, else "Enforcement Team".
TemplateValues case_template_values(const appeals::CaseRecord& c, const ReplySettings& settings);

} // namespace appeald::responders
