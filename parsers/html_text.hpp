#pragma once
// HTML to plain text for mail bodies.
#include "parsers/parser_limits.hpp"
#include "parsers/warnings.hpp"

#include <string>
#include <string_view>

namespace appeald::parsers {

// Converts an HTML body (already UTF-8) to text, in one pass without recursion:
// - block elements (p, div, br, li, tr, h1-h6, table, ul/ol, hr, pre, ...) become line breaks,
//   <li> becomes "- ", table cells are separated by a tab and paragraphs by a blank line
//   (Outlook's <p class=MsoNormal> is one line, as Outlook renders it); <br> on an empty line
//   makes a blank line; links become their text; images are dropped;
// - named (the HTML5 set in common mail use, all of Latin-1), decimal and hex entities are
//   decoded (invalid code points -> U+FFFD, 128-159 as Windows-1252); unknown ones kept
//   literally; &nbsp; becomes a plain space that does not collapse;
// - script, style, head, title and comments (conditional ones included) are dropped;
//   whitespace collapses outside <pre>;
// - quoted history becomes "> "-prefixed lines (">> " at depth 2), at the nesting depth it has:
//   <blockquote>, Gmail's div.gmail_quote (attribution and quote share one level), Yahoo's
//   yahoo_quoted, Thunderbird's moz-cite-prefix (the attribution line, quoted like the
//   blockquote type=cite after it), Apple Mail's blockquote type=cite, and Outlook's
//   divRplyFwdMsg / appendonsend / "border-top:solid #E1E1E1" reply header, hr#stopSpelling and
//   mail-editor-reference-message-container: that one and everything after it;
// - output lines have no trailing spaces, at most one blank line in a row (">" inside quotes),
//   none at the start or end;
// - malformed markup never fails: unclosed tags, stray '<' (text), attributes without quotes,
//   unterminated comments and raw-text elements (the rest is dropped, as browsers do).
// Limits: max_html_depth (deeper nesting is flattened, "html-too-deep"); max_line_bytes per
// output line (the rest of the line is dropped, "html-line-too-long"); max_text_bytes for the
// whole output ("html-text-truncated"). Time is linear in the input.
std::string html_to_text(std::string_view html, const ParserLimits& limits, Warnings& warnings);

} // namespace appeald::parsers
