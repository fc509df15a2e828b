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
//   any attachments", "DISCLAIMER", ...) or a mailing-list footer ("You received this message
//   because you are subscribed to the Google Groups ...", "To unsubscribe from this group ...",
//   "View this discussion ...") to the end;
// - from a "-- " or "--" line to the end;
// - from a mobile/client tag ("Sent from my iPhone", "Get Outlook for iOS") among the last few
//   lines to the end;
// - a sign-off line followed only by up to 5 short name/title/company/phone/URL lines. Sign-offs
//   are whole lines (closing ",.!" and CJK "。、！，" ignored), or "<sign-off>, <Name>":
//     English "Thanks", "Best regards", "Kind regards", "Cheers", "Sincerely", ...;
//     German "Mit freundlichen Grüßen", "Viele Grüße", "Beste Grüße", "MfG", ...;
//     French "Cordialement", "Bien à vous", ...; Spanish "Saludos cordiales", "Un saludo",
//     "Atentamente", ...; Dutch "Met vriendelijke groet", "Groeten", ...; Portuguese
//     "Atenciosamente", "Cumprimentos", "Obrigado/Obrigada"; Italian "Cordiali saluti",
//     "Distinti saluti", "Saluti"; Polish "Z poważaniem", "Pozdrawiam"; Korean "감사합니다" and a
//     "<name> 드림" line; Japanese "よろしくお願いします", "よろしくお願いいたします"; Chinese
//     "谢谢", "此致敬礼" (or "此致" + "敬礼"), "祝好". Case folding is ASCII only;
// - for BlockPlace::last only: a final paragraph of 1-3 short lines that look like a name
//   ("Sam Ortiz\nExample Co": capitalised words, no sentence end, no "we"/"our"/verbs).
// A name/title line may hold an all-capitals acronym ("Head of IT", "VP Sales"): "IT" there is
// not the pronoun "it". A line that merely starts like a sign-off ("Thanks for your patience, we
// fixed it.") is kept. Blank lines, and rule lines ("---", "___"), left at the end are removed.
void trim_signature(std::vector<std::string_view>& lines, BlockPlace place);

} // namespace appeald::parsers
