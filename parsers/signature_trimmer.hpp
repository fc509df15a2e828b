#pragma once
// Removes what closes a block of the sender's lines but is not an answer: legal disclaimers,
// the "-- " signature, "Sent from my iPhone", a sign-off ("Best regards,") with its name block,
// and a bare trailing name block ("Sam Ortiz\nExample Co").
#include <string_view>
#include <vector>

namespace appeald::parsers {

enum class BlockPlace { inner, last };

// Trims `lines` (one block: no leading/trailing blank lines, blank runs already collapsed to one
// ""; views into the caller's text) in place, in this order:
// - from the first line starting a legal disclaimer ("CONFIDENTIALITY NOTICE", "This email and
//   any attachments", "DISCLAIMER", ...) to the end;
// - from a "-- " or "--" line to the end;
// - from a mobile/client tag ("Sent from my iPhone", "Get Outlook for iOS") among the last few
//   lines to the end;
// - a sign-off line ("Thanks,", "Best regards", "Mit freundlichen Grüßen", or "Thanks, Sam")
//   followed only by up to 5 short name/title/company/phone/URL lines;
// - for BlockPlace::last only: a final paragraph of 1-3 short lines that look like a name
//   ("Sam Ortiz\nExample Co": capitalised words, no sentence end, no "we"/"our"/verbs).
// A line that merely starts like a sign-off ("Thanks for your patience, we fixed it.") is kept.
// Blank lines left at the end are removed.
void trim_signature(std::vector<std::string_view>& lines, BlockPlace place);

} // namespace appeald::parsers
