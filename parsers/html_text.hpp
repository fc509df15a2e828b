#pragma once
// HTML to plain text for mail bodies.
#include "parsers/parser_limits.hpp"
#include "parsers/warnings.hpp"

#include <string>
#include <string_view>

namespace appeald::parsers {

// Converts an HTML body (already UTF-8) to text:
// - block elements (p, div, br, li, tr, h1-h6, table, ul/ol, hr, pre, ...) become line breaks,
//   <li> becomes "- " and paragraphs are separated by a blank line;
// - named (the HTML5 set in common mail use), decimal and hex entities are decoded; unknown ones
//   kept literally;
// - script, style, head, title and comments are dropped; whitespace collapses outside <pre>;
// - quoted history becomes "> "-prefixed lines, at the nesting depth it has: <blockquote>,
//   Gmail's div.gmail_quote, Yahoo's yahoo_quoted, Thunderbird's moz-cite-prefix,
//   Outlook's divRplyFwdMsg / "border-top:solid #E1E1E1" reply header and everything after it,
//   Apple Mail's blockquote type=cite;
// - malformed markup never fails: unclosed tags, stray '<', attributes without quotes.
// Limits: max_html_depth (deeper nesting is flattened, "html-too-deep").
std::string html_to_text(std::string_view html, const ParserLimits& limits, Warnings& warnings);

} // namespace appeald::parsers
