// HTML to text: what mail clients send (Gmail, Outlook, Apple Mail, Thunderbird, Yahoo), the
// formatting rules, and hostile input that must finish quickly.
#include "parsers/html_text.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <string_view>

using namespace appeald::parsers;

namespace {

struct Row {
  const char* what;
  std::string_view html;
  std::string_view text;
};

std::string convert(std::string_view html, Warnings& warnings, ParserLimits limits = {}) {
  return html_to_text(html, limits, warnings);
}

void check_rows(const Row* begin, const Row* end) {
  for (const Row* row = begin; row != end; ++row) {
    const std::string what = row->what;
    CAPTURE(what);
    Warnings warnings;
    CHECK(convert(row->html, warnings) == row->text);
  }
}

} // namespace

TEST_CASE("html_to_text marks quoted history in replies from real clients") {
  const Row rows[] = {
      {"gmail reply with gmail_quote wrapper",
       R"html(<div dir="ltr">Hi team,<div><br></div><div>I did not send spam. Please review my account.</div><div><br></div><div>Thanks,<br>Ana</div></div><br><div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">On Mon, 3 Jun 2024 at 10:00, Abuse Desk &lt;<a href="mailto:abuse@example.net">abuse@example.net</a>&gt; wrote:<br></div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex"><div>Your account was suspended.<br></div><div>Reply to appeal.</div></blockquote></div>)html",
       "Hi team,\n\nI did not send spam. Please review my account.\n\nThanks,\nAna\n\n"
       "> On Mon, 3 Jun 2024 at 10:00, Abuse Desk <abuse@example.net> wrote:\n"
       "> Your account was suspended.\n> Reply to appeal."},
      {"gmail reply to a reply nests two levels",
       R"html(<div dir="ltr">Third</div><div class="gmail_quote"><div class="gmail_attr">On Tue, B wrote:<br></div><blockquote class="gmail_quote"><div dir="ltr">Second</div><br><div class="gmail_quote"><div class="gmail_attr">On Mon, A wrote:<br></div><blockquote class="gmail_quote"><div>First</div></blockquote></div></blockquote></div>)html",
       "Third\n\n> On Tue, B wrote:\n> Second\n>\n>> On Mon, A wrote:\n>> First"},
      {"outlook desktop with MsoNormal paragraphs and border-top reply header",
       R"html(<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta http-equiv=Content-Type content="text/html; charset=utf-8"><meta name=Generator content="Microsoft Word 15 (filtered medium)"><style><!--
/* Font Definitions */
@font-face {font-family:"Cambria Math";}
p.MsoNormal, li.MsoNormal, div.MsoNormal {margin:0cm;font-size:11.0pt;}
--></style><!--[if gte mso 9]><xml>
<o:shapedefaults v:ext="edit" spidmax="1026" />
</xml><![endif]--></head><body lang=EN-US link="#0563C1" vlink="#954F72" style='word-wrap:break-word'><div class=WordSection1><p class=MsoNormal>Hello,<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoNormal>We fixed the compromised mailbox &#8211; please lift the block.<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoNormal>Regards,<o:p></o:p></p><p class=MsoNormal>J&ouml;rg<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p><div style='border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm'><p class=MsoNormal><b>From:</b> Abuse Desk &lt;abuse@example.net&gt; <br><b>Sent:</b> Monday, June 3, 2024 10:00 AM<br><b>To:</b> J&ouml;rg &lt;j@example.org&gt;<br><b>Subject:</b> Account suspended<o:p></o:p></p></div><p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoNormal>Your account was suspended.<o:p></o:p></p></div></body></html>)html",
       "Hello,\n\nWe fixed the compromised mailbox \xE2\x80\x93 please lift the "
       "block.\n\nRegards,\n"
       "J\xC3\xB6rg\n\n> From: Abuse Desk <abuse@example.net>\n> Sent: Monday, June 3, 2024 "
       "10:00 AM\n> To: J\xC3\xB6rg <j@example.org>\n> Subject: Account suspended\n>\n"
       "> Your account was suspended."},

      {"outlook on the web with appendonsend and divRplyFwdMsg",
       R"html(<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><style type="text/css" style="display:none;"> P {margin-top:0;margin-bottom:0;} </style></head><body dir="ltr"><div class="elementToProof" style="font-family: Aptos, Calibri, sans-serif; font-size: 12pt;">Please unblock 203.0.113.7, it was a misconfigured relay.</div><div id="appendonsend"></div><hr style="display:inline-block;width:98%" tabindex="-1"><div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt" color="#000000"><b>From:</b> Abuse Desk &lt;abuse@example.net&gt;<br><b>Sent:</b> Monday, June 3, 2024 10:00<br><b>Subject:</b> Blocked</font><div>&nbsp;</div></div><div class="BodyFragment"><font size="2"><span style="font-size:11pt;"><div class="PlainText">Your IP is listed.</div></span></font></div></body></html>)html",
       "Please unblock 203.0.113.7, it was a misconfigured relay.\n\n> From: Abuse Desk "
       "<abuse@example.net>\n> Sent: Monday, June 3, 2024 10:00\n> Subject: Blocked\n>\n"
       "> Your IP is listed."},
      {"outlook mobile stopSpelling rule",
       R"html(<div dir="auto">Done, thanks</div><hr id="stopSpelling"><div>From: Abuse Desk<br>Old text</div>)html",
       "Done, thanks\n\n> From: Abuse Desk\n> Old text"},
      {"outlook for mac reference message container",
       R"html(<div>Fixed.</div><div id="mail-editor-reference-message-container"><div>From: Abuse Desk</div><div>Old text</div></div>)html",
       "Fixed.\n\n> From: Abuse Desk\n> Old text"},
      {"apple mail blockquote type=cite with the attribution inside",
       R"html(<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head><body style="overflow-wrap: break-word; -webkit-nbsp-mode: space; line-break: after-white-space;">I’ve changed my password.<div><br></div><div>Sent from my iPhone</div><div><br><blockquote type="cite"><div>On 3 Jun 2024, at 10:00, Abuse Desk &lt;abuse@example.net&gt; wrote:</div><br class="Apple-interchange-newline"><div><div>Your account sent spam.</div></div></blockquote></div><br></body></html>)html",
       "I\xE2\x80\x99ve changed my password.\n\nSent from my iPhone\n\n> On 3 Jun 2024, at 10:00, "
       "Abuse Desk <abuse@example.net> wrote:\n>\n> Your account sent spam."},
      {"thunderbird moz-cite-prefix then blockquote with moz-quote-pre",
       "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; "
       "charset=UTF-8\"></head><body><p>Hello,</p><p>the spam came from a compromised plugin; it "
       "is removed now.<br></p><div class=\"moz-cite-prefix\">On 03.06.24 10:00, Abuse Desk "
       "wrote:<br></div><blockquote type=\"cite\" cite=\"mid:123@example.net\"><pre "
       "class=\"moz-quote-pre\" wrap=\"\">Your site   sent spam.\nReply to "
       "appeal.\n</pre></blockquote><br></body></html>",
       "Hello,\n\nthe spam came from a compromised plugin; it is removed now.\n\n> On 03.06.24 "
       "10:00, Abuse Desk wrote:\n> Your site   sent spam.\n> Reply to appeal."},
      {"yahoo yahoo_quoted wrapper",
       R"html(<html><head></head><body><div class="ydp1" style="font-family:Helvetica Neue"><div dir="ltr" data-setdir="false">It was my son, sorry. Please restore.</div></div><div id="yahoo_quoted_123" class="yahoo_quoted"><div style="font-family:'Helvetica Neue'"><div>On Monday, June 3, 2024, 10:00:00 AM GMT, Abuse Desk &lt;abuse@example.net&gt; wrote:</div><div><br></div><div><br></div><div><div dir="ltr">Your account was suspended.</div></div></div></div></body></html>)html",
       "It was my son, sorry. Please restore.\n\n> On Monday, June 3, 2024, 10:00:00 AM GMT, Abuse "
       "Desk <abuse@example.net> wrote:\n>\n> Your account was suspended."},
      {"plain nested blockquotes", "<blockquote>a<blockquote>b</blockquote>c</blockquote>d",
       "> a\n>\n>> b\n>\n> c\n\nd"},
      {"gmail_quote class in single quotes", "x<div class='gmail_quote'>q</div>", "x\n\n> q"},
      {"gmail_quote class without quotes", "x<div class=gmail_quote>q</div>", "x\n\n> q"},
      {"attribute value containing '>'", R"html(x<div title="a>b" class="gmail_quote">q</div>)html",
       "x\n\n> q"},
      {"unclosed blockquote quotes to the end", "new<blockquote>old<p>older",
       "new\n\n> old\n>\n> older"},
  };
  check_rows(std::begin(rows), std::end(rows));
}

TEST_CASE("html_to_text formats blocks, lists, tables and entities") {
  const Row rows[] = {
      {"paragraphs are separated by a blank line", "<p>One</p><p>Two</p>", "One\n\nTwo"},
      {"br is a newline", "a<br>b<br/>c<BR >d", "a\nb\nc\nd"},
      {"br on an empty line is a blank line", "a<br><br>b", "a\n\nb"},
      {"many br make one blank line", "a<br><br><br><br>b", "a\n\nb"},
      {"divs are lines", "<div>one</div><div>two</div>", "one\ntwo"},
      {"headings are paragraphs", "<h1>Title</h1>Body", "Title\n\nBody"},
      {"list items", "<ul><li>one</li><li>two<li>three</ul>after", "- one\n- two\n- three\nafter"},
      {"table cells and rows",
       "<table><tr><td>Name</td><td>Value</td></tr><tr><td>IP<td>203.0.113.7</table>",
       "Name\tValue\nIP\t203.0.113.7"},
      {"links become their text",
       R"html(See <a href="https://x.example/?a=1&amp;b=2">the policy</a>.)html",
       "See the policy."},
      {"images are dropped", R"html(Logo: <img src="x.png" alt="ACME">done)html", "Logo: done"},
      {"common named entities",
       "&copy; &reg; &euro; &hellip; &mdash; &ndash; &lsquo;&rsquo; &ldquo;&rdquo; &bull; "
       "&middot; &laquo;&raquo; &trade; &deg; &amp; &lt;&gt; &quot;&apos;",
       "\xC2\xA9 \xC2\xAE \xE2\x82\xAC \xE2\x80\xA6 \xE2\x80\x94 \xE2\x80\x93 "
       "\xE2\x80\x98\xE2\x80\x99 \xE2\x80\x9C\xE2\x80\x9D \xE2\x80\xA2 \xC2\xB7 "
       "\xC2\xAB\xC2\xBB \xE2\x84\xA2 \xC2\xB0 & <> \"'"},
      {"latin-1 letters", "&eacute;&Uuml;&szlig;&ntilde;&Aring;&yuml;&iexcl;",
       "\xC3\xA9\xC3\x9C\xC3\x9F\xC3\xB1\xC3\x85\xC3\xBF\xC2\xA1"},
      {"numeric entities", "&#233;&#xE9;&#XE9;&#x1F600;&#146;",
       "\xC3\xA9\xC3\xA9\xC3\xA9\xF0\x9F\x98\x80\xE2\x80\x99"},
      {"invalid numeric entities become U+FFFD", "[&#0;][&#xD800;][&#1114112;][&#99999999999;]",
       "[\xEF\xBF\xBD][\xEF\xBF\xBD][\xEF\xBF\xBD][\xEF\xBF\xBD]"},
      {"unknown entities stay literal", "&bogus; AT&T &# &#x; a & b", "&bogus; AT&T &# &#x; a & b"},
      {"classic entities without semicolon", "&amp &lt 3 fish&nbspchips", "& < 3 fish&nbspchips"},
      {"semicolon-less rare entity is not decoded", "?a=1&copy=2", "?a=1&copy=2"},
      {"nbsp is a space that does not collapse", "a&nbsp;&nbsp;b", "a  b"},
      {"utf-8 no-break space is a space",
       "a\xC2\xA0"
       "b",
       "a b"},
      {"whitespace collapses", "  Hello \n\t  world  ", "Hello world"},
      {"pre keeps whitespace and lines", "<pre>\n  code  here\n\n\nend</pre>after",
       "  code  here\n\nend\nafter"},
      {"head, title, style and script are dropped",
       "<head><title>T</title><style>p{color:red}</style></head><body><script>alert('<b>x</b>')"
       "</script>Visible</body>",
       "Visible"},
      {"comments are dropped", "a<!-- hidden <b>bold</b> -->b", "ab"},
      {"doctype and xml declarations are dropped", "<!DOCTYPE html><?xml version=\"1.0\"?>Text",
       "Text"},
      {"conditional comments",
       "<!--[if mso]><p>MSO only</p><![endif]-->Shown<!--[if !mso]><!--> too<!--<![endif]-->",
       "Shown too"},
      {"downlevel-revealed outlook list markers",
       "<p class=MsoListParagraph><![if !supportLists]>1.<![endif]> Item</p>", "1. Item"},
      {"tags are case-insensitive", "<P>One</P><DIV>Two</DIV>Three<Br>Four",
       "One\n\nTwo\nThree\nFour"},
      {"br right after a block is an empty line, as browsers render", "<div>a</div><br>b",
       "a\n\nb"},
      {"unclosed tags; a div ends the open paragraph", "<div><p>one<div>two", "one\n\ntwo"},
      {"stray less-than signs are text", "if a < b and c<5 then 1<a2",
       "if a < b and c<5 then 1<a2"},
      {"unterminated attribute quote ends at '>'", R"html(<div class="x>text</div>)html", "text"},
      {"unclosed comment drops the rest", "before<!-- never closed <p>after", "before"},
      {"unclosed script drops the rest", "before<script>var a = '<p>after';", "before"},
      {"inline markup does not split words", "un<b>break</b>able <span>text</span>",
       "unbreakable text"},
      {"head without body ends at the first body element",
       "<head><meta charset=utf-8><div>Hi</div>", "Hi"},
      {"no leading or trailing blank lines", "<p></p><br><br><p>x</p><br><br><p></p>", "x"},
      {"empty input", "", ""},
  };
  check_rows(std::begin(rows), std::end(rows));
}

TEST_CASE("html_to_text flattens nesting beyond max_html_depth but keeps quotes") {
  ParserLimits limits;
  limits.max_html_depth = 4;
  std::string html = "<blockquote>";
  for (int i = 0; i < 10; ++i) {
    html += "<div>";
  }
  html += "deep";
  for (int i = 0; i < 10; ++i) {
    html += "</div>";
  }
  html += "still quoted</blockquote>after";
  Warnings warnings;
  CHECK(convert(html, warnings, limits) == "> deep\n> still quoted\n\nafter");
  CHECK(warnings.has("html-too-deep"));
}

TEST_CASE("html_to_text bounds line and output size") {
  ParserLimits limits;
  limits.max_line_bytes = 8;
  Warnings warnings;
  // The cut never splits a UTF-8 sequence.
  CHECK(convert("abcdefg\xC3\xA9xyz<br>next", warnings, limits) == "abcdefg\xC3\xA9\nnext");
  CHECK(warnings.has("html-line-too-long"));

  limits = {};
  limits.max_text_bytes = 10;
  Warnings truncated;
  const std::string out = convert("<p>first line</p><p>second</p><p>third</p>", truncated, limits);
  CHECK(out == "first line\n\nsecond");
  CHECK(truncated.has("html-text-truncated"));
}

TEST_CASE("html_to_text finishes quickly on hostile input") {
  const auto repeat = [](std::string_view s, std::size_t n) {
    std::string out;
    out.reserve(s.size() * n);
    for (std::size_t i = 0; i < n; ++i) {
      out += s;
    }
    return out;
  };
  struct Hostile {
    const char* what;
    std::string html;
  };
  const std::size_t mb = 1024 * 1024;
  const Hostile rows[] = {
      {"10,000 nested divs", repeat("<div>", 10000) + "core" + repeat("</div>", 10000)},
      {"10,000 nested blockquotes", repeat("<blockquote>", 10000) + "core"},
      {"30,000 unclosed paragraphs and items", repeat("<p>x<li>y<td>z", 30000)},
      {"unclosed comment", "text<!--" + repeat("a", mb)},
      {"1 MB of '<'", std::string(mb, '<')},
      {"1 MB of '<a' without '>'", repeat("<a", mb / 2)},
      {"'<a' repeated then one '>'", repeat("<a", mb / 2) + ">"},
      {"tag with a million attributes", "<div " + repeat("a=b ", mb / 4) + ">x"},
      {"unterminated quotes in many tags", repeat("<a b=\"<a b='", mb / 12) + ">"},
      {"1 MB of '&#'", repeat("&#", mb / 2)},
      {"1 MB of entity-like names", repeat("&abcdefghijklmnopqrstuvwxyzabcdefghij", mb / 38)},
      {"1 MB of '</'", repeat("</", mb / 2)},
      {"1 MB of end tags", repeat("</div>", mb / 6)},
      {"1 MB of '<!'", repeat("<!", mb / 2)},
      {"script never closed with many '</'", "<script>" + repeat("</scrip", mb / 7)},
      {"1 MB of br", repeat("<br>", mb / 4)},
      {"nul bytes and controls", repeat(std::string_view("\0\x01\x7F<\0>&\0", 8), mb / 8)},
  };
  for (const Hostile& row : rows) {
    const std::string what = row.what;
    CAPTURE(what);
    Warnings warnings;
    const auto start = std::chrono::steady_clock::now();
    const std::string out = convert(row.html, warnings);
    const auto elapsed = std::chrono::steady_clock::now() - start;
    CHECK(elapsed < std::chrono::seconds(10)); // quadratic behaviour would take minutes
    CHECK(out.size() <= ParserLimits{}.max_text_bytes + ParserLimits{}.max_line_bytes);
  }
}
