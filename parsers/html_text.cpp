#include "parsers/html_text.hpp"

#include "parsers/html_entities.hpp"
#include "parsers/html_tag.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace appeald::parsers {

namespace {

using html::Tag;

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c;
}
bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// Lowercased copy without whitespace ("Border-Top: solid #E1E1E1" -> "border-top:solid#e1e1e1").
std::string squeezed_lower(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (!is_space(c)) {
      out += lower(c);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Tags

enum class Break : std::uint8_t { none, line, paragraph };

// Elements kept on the stack: the block elements whose end matters.
struct BlockInfo {
  std::string_view name;
  Break brk;
};
constexpr std::array blocks{
    BlockInfo{"div", Break::line},        BlockInfo{"p", Break::paragraph},
    BlockInfo{"blockquote", Break::line}, BlockInfo{"pre", Break::line},
    BlockInfo{"ul", Break::line},         BlockInfo{"ol", Break::line},
    BlockInfo{"li", Break::line},         BlockInfo{"dl", Break::line},
    BlockInfo{"dt", Break::line},         BlockInfo{"dd", Break::line},
    BlockInfo{"table", Break::line},      BlockInfo{"thead", Break::none},
    BlockInfo{"tbody", Break::none},      BlockInfo{"tfoot", Break::none},
    BlockInfo{"tr", Break::line},         BlockInfo{"td", Break::none},
    BlockInfo{"th", Break::none},         BlockInfo{"caption", Break::line},
    BlockInfo{"h1", Break::paragraph},    BlockInfo{"h2", Break::paragraph},
    BlockInfo{"h3", Break::paragraph},    BlockInfo{"h4", Break::paragraph},
    BlockInfo{"h5", Break::paragraph},    BlockInfo{"h6", Break::paragraph},
    BlockInfo{"section", Break::line},    BlockInfo{"article", Break::line},
    BlockInfo{"header", Break::line},     BlockInfo{"footer", Break::line},
    BlockInfo{"nav", Break::line},        BlockInfo{"aside", Break::line},
    BlockInfo{"main", Break::line},       BlockInfo{"address", Break::line},
    BlockInfo{"center", Break::line},     BlockInfo{"figure", Break::line},
    BlockInfo{"figcaption", Break::line}, BlockInfo{"form", Break::line},
    BlockInfo{"fieldset", Break::line},   BlockInfo{"legend", Break::line},
};

const BlockInfo* block_info(std::string_view name) {
  for (const BlockInfo& b : blocks) {
    if (b.name == name) {
      return &b;
    }
  }
  return nullptr;
}

// Elements whose content is never text: skipped up to their end tag.
bool is_raw_text(std::string_view name) {
  return name == "script" || name == "style" || name == "title" || name == "textarea" ||
         name == "xmp" || name == "noscript" || name == "template";
}

// Elements that may appear in <head> without ending it.
bool is_head_content(std::string_view name) {
  return name == "meta" || name == "link" || name == "base" || name == "title" || name == "style" ||
         name == "script" || name == "noscript" || name == "xml" || name == "head" ||
         name == "html";
}

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

// ---------------------------------------------------------------------------------------------
// The converter: one pass over the input, a bounded element stack, output built line by line.

// How an element takes part in quoting.
enum class QuoteKind : std::uint8_t {
  none,
  blockquote,  // one level, unless it is the quote of a wrapper
  wrapper,     // div.gmail_quote, yahoo_quoted, moz-forward-container: one level for all inside
  attribution, // Thunderbird's moz-cite-prefix: the "X wrote:" line, quoted like its quote
};

struct Element {
  std::string name;
  Break brk = Break::none;
  std::size_t depth = 0;                 // quote depth inside this element
  QuoteKind innermost = QuoteKind::none; // innermost quoting element around its content
  bool pre = false;
};

class Converter {
public:
  Converter(std::string_view html, const ParserLimits& limits, Warnings& warnings)
      : html_(html), limits_(limits), warnings_(warnings), tags_(html) {
    stack_.reserve(std::min<std::size_t>(limits.max_html_depth, 1024));
  }

  std::string run();

private:
  // Output, line by line.
  void end_line();
  void paragraph();
  void hard_break();
  void space();
  void content(std::string_view bytes);
  void commit(std::string_view text, std::size_t depth);
  std::size_t depth() const {
    return (stack_.empty() ? 0 : stack_.back().depth) + (history_ ? 1 : 0);
  }
  bool in_pre() const { return !stack_.empty() && stack_.back().pre; }

  // Input.
  std::size_t markup(std::size_t i);
  void start_tag(const Tag& tag);
  void end_tag(const Tag& tag);
  void push(Element e);
  void pop();
  void apply(Break b);
  void text_code_point(char32_t cp);

  std::string_view html_;
  const ParserLimits& limits_;
  Warnings& warnings_;
  html::TagScanner tags_;

  std::vector<Element> stack_;
  std::size_t overflow_ = 0; // elements past max_html_depth, not tracked
  bool history_ = false;     // Outlook: everything after the reply header is quoted
  bool in_head_ = false;
  bool skip_pre_newline_ = false;
  bool stop_ = false;

  std::string out_;
  bool have_output_ = false;
  std::size_t last_depth_ = 0;
  bool blank_wanted_ = false;
  std::string cur_;
  bool cur_content_ = false;
  std::size_t cur_depth_ = 0;
  bool pending_space_ = false;
  bool pending_tab_ = false;
};

void Converter::commit(std::string_view text, std::size_t d) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  const bool blank = text.empty();
  if (blank) {
    blank_wanted_ = true; // written only if content follows: no leading/trailing blank lines
    return;
  }
  if (have_output_) {
    out_ += '\n';
    if (blank_wanted_ || d != last_depth_) {
      out_.append(std::min(d, last_depth_), '>');
      out_ += '\n';
    }
  }
  blank_wanted_ = false;
  if (d > 0) {
    out_.append(d, '>');
    out_ += ' ';
  }
  out_ += text;
  have_output_ = true;
  last_depth_ = d;
  if (out_.size() > limits_.max_text_bytes) {
    warnings_.add("html-text-truncated");
    stop_ = true;
  }
}

void Converter::end_line() {
  if (cur_content_) {
    commit(cur_, cur_depth_);
  }
  cur_.clear();
  cur_content_ = false;
  pending_space_ = pending_tab_ = false;
}

void Converter::paragraph() {
  end_line();
  blank_wanted_ = blank_wanted_ || have_output_;
}

// <br>: ends a line with content; on an empty line it makes a blank line, as browsers render.
void Converter::hard_break() {
  if (cur_content_) {
    end_line();
  } else {
    commit({}, depth());
  }
}

void Converter::space() {
  if (cur_content_) {
    pending_space_ = true;
  }
}

void Converter::content(std::string_view bytes) {
  const std::size_t d = depth();
  if (cur_content_ && d != cur_depth_) {
    end_line();
  }
  if (!cur_content_) {
    cur_depth_ = d;
    cur_content_ = true;
  } else if (pending_space_) {
    cur_ += pending_tab_ ? '\t' : ' ';
  }
  pending_space_ = pending_tab_ = false;
  for (char c : bytes) {
    // Over-long lines keep their head only; continuation bytes finish the last character.
    if (cur_.size() >= limits_.max_line_bytes && (static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      warnings_.add("html-line-too-long");
      return;
    }
    cur_ += c;
  }
}

void Converter::text_code_point(char32_t cp) {
  if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f') {
    if (!in_pre()) {
      space();
    } else if (cp == '\n') {
      hard_break();
    } else if (cp != '\r') {
      content(cp == '\t' ? "\t" : " ");
    }
    return;
  }
  if (cp < 0x20 || cp == 0x7F || cp == 0xAD) {
    return; // controls and soft hyphens are invisible
  }
  if (cp == 0xA0) {
    content(" "); // nbsp is a plain space that does not collapse: Outlook's empty paragraphs
    return;
  }
  std::string utf8;
  html::append_utf8(utf8, cp);
  content(utf8);
}

void Converter::apply(Break b) {
  if (b == Break::line) {
    end_line();
  } else if (b == Break::paragraph) {
    paragraph();
  }
}

void Converter::push(Element e) {
  if (stack_.size() >= limits_.max_html_depth) {
    ++overflow_; // flattened: its quoting and <pre> are ignored, its breaks still apply
    warnings_.add("html-too-deep");
    return;
  }
  const Element* parent = stack_.empty() ? nullptr : &stack_.back();
  const std::size_t base = parent ? parent->depth : 0;
  const QuoteKind around = parent ? parent->innermost : QuoteKind::none;
  e.pre = e.pre || (parent && parent->pre);
  switch (e.innermost) {
  case QuoteKind::none:
    e.depth = base;
    e.innermost = around;
    break;
  case QuoteKind::blockquote:
    // Gmail's div.gmail_quote holds the attribution and then the blockquote: one level only.
    e.depth = around == QuoteKind::wrapper ? base : base + 1;
    break;
  case QuoteKind::wrapper:
  case QuoteKind::attribution:
    e.depth = base + 1;
    break;
  }
  stack_.push_back(std::move(e));
}

void Converter::pop() {
  const Break b = stack_.back().brk;
  stack_.pop_back();
  apply(b);
}

void Converter::start_tag(const Tag& tag) {
  const std::string& name = tag.name;
  if (in_head_ && (name == "body" || !is_head_content(name))) {
    in_head_ = false; // a body element without <body>: the head is over
  }
  if (name == "head") {
    in_head_ = true;
    return;
  }
  const std::string cls = squeezed_lower(tag.cls);
  const std::string id = squeezed_lower(tag.id);
  if (name == "br") {
    hard_break();
    return;
  }
  if (name == "hr") {
    end_line();
    if (id == "stopspelling" && !history_) {
      history_ = true;
    }
    return;
  }
  const BlockInfo* info = block_info(name);
  if (info == nullptr) {
    return; // inline or unknown (span, a, font, o:p, img, ...): only its text counts
  }
  // Implied end tags, as browsers apply them, so the stack does not fill with unclosed items.
  if (!stack_.empty()) {
    const std::string& top = stack_.back().name;
    if (top == "p" || (top == name && (name == "li" || name == "dt" || name == "dd")) ||
        ((name == "td" || name == "th" || name == "tr") && (top == "td" || top == "th")) ||
        (name == "tr" && top == "tr")) {
      pop();
      if (name == "tr" && !stack_.empty() && stack_.back().name == "tr") {
        pop();
      }
    }
  }
  Element e{name, info->brk, 0, QuoteKind::none, name == "pre"};
  if (name == "p" && cls.starts_with("mso")) {
    e.brk = Break::line; // Outlook writes every line as <p class=MsoNormal>
  }
  if (name == "blockquote") {
    e.innermost = QuoteKind::blockquote;
  } else if (name == "div") {
    const std::string style = squeezed_lower(tag.style);
    if (contains(cls, "gmail_quote") || contains(cls, "yahoo_quoted") ||
        contains(cls, "moz-forward-container")) {
      e.innermost = QuoteKind::wrapper;
    } else if (contains(cls, "moz-cite-prefix")) {
      e.innermost = QuoteKind::attribution;
    } else if (id == "divrplyfwdmsg" || id == "appendonsend" ||
               id == "mail-editor-reference-message-container" ||
               contains(style, "border-top:solid#e1e1e1") ||
               contains(style, "border-top:solid#b5c4df")) {
      end_line();
      history_ = true;
    }
  }
  apply(e.brk);
  if (name == "li") {
    content("-");
    pending_space_ = true;
  } else if ((name == "td" || name == "th") && cur_content_) {
    pending_space_ = pending_tab_ = true;
  }
  if (name == "pre") {
    skip_pre_newline_ = true;
  }
  if (!tag.self_closing) {
    push(std::move(e));
  } else {
    apply(e.brk);
  }
}

void Converter::end_tag(const Tag& tag) {
  if (tag.name == "br") {
    hard_break(); // </br> is read as <br> by browsers
    return;
  }
  if (tag.name == "head") {
    in_head_ = false;
    return;
  }
  const BlockInfo* info = block_info(tag.name);
  if (info == nullptr) {
    return;
  }
  if (overflow_ > 0) {
    --overflow_;
    apply(info->brk);
    return;
  }
  const auto it = std::find_if(stack_.rbegin(), stack_.rend(),
                               [&](const Element& e) { return e.name == tag.name; });
  if (it == stack_.rend()) {
    apply(info->brk); // stray end tag: browsers still break the line
    return;
  }
  const std::size_t keep = static_cast<std::size_t>(stack_.rend() - it) - 1;
  while (stack_.size() > keep) {
    pop();
  }
}

std::size_t Converter::markup(std::size_t i) {
  const std::string_view rest = html_.substr(i);
  if (rest.starts_with("<!--")) {
    // Conditional comments (<!--[if mso]>...<![endif]-->) are comments too; the
    // "downlevel-revealed" form <!--[if !mso]><!--> ... <!--<![endif]--> shows its content.
    const std::size_t close = html_.find("-->", i + 2);
    return close == std::string_view::npos ? html_.size() : close + 3;
  }
  if (rest.starts_with("<!") || rest.starts_with("<?")) {
    const std::size_t close = html_.find('>', i + 2); // <!DOCTYPE>, <?xml?>, <![if ...]>
    return close == std::string_view::npos ? html_.size() : close + 1;
  }
  const bool tag_like =
      rest.size() > 1 &&
      (is_alpha(rest[1]) || (rest[1] == '/' && rest.size() > 2 && is_alpha(rest[2])));
  std::optional<Tag> tag = tag_like ? tags_.parse(i) : std::nullopt;
  if (!tag) {
    content("<"); // a stray '<' is text
    return i + 1;
  }
  if (tag->end) {
    end_tag(*tag);
    return tag->next;
  }
  if (is_raw_text(tag->name) && !tag->self_closing) {
    return tags_.skip_raw_text(tag->next, tag->name);
  }
  start_tag(*tag);
  return tag->next;
}

std::string Converter::run() {
  std::size_t i = 0;
  while (i < html_.size() && !stop_) {
    const char c = html_[i];
    if (c == '<') {
      i = markup(i);
      continue;
    }
    if (in_head_) {
      ++i;
      continue;
    }
    const bool newline = c == '\n' || c == '\r';
    if (skip_pre_newline_ && !(c == '\r' && i + 1 < html_.size() && html_[i + 1] == '\n')) {
      skip_pre_newline_ = false;
      if (newline && in_pre()) {
        ++i; // the newline right after <pre> is not content
        continue;
      }
    }
    if (c == '&') {
      std::size_t end = i + 1;
      const auto cp = html::parse_entity(html_, i, end);
      if (cp) {
        text_code_point(*cp);
        i = end;
      } else {
        content("&");
        ++i;
      }
      continue;
    }
    if (c == '\xC2' && i + 1 < html_.size() && html_[i + 1] == '\xA0') {
      text_code_point(0xA0);
      i += 2;
      continue;
    }
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      text_code_point(static_cast<unsigned char>(c));
      ++i;
      continue;
    }
    if (c == ' ') {
      text_code_point(' ');
      ++i;
      continue;
    }
    // A run of ordinary text in one go.
    std::size_t j = i + 1;
    while (j < html_.size()) {
      const char d = html_[j];
      if (d == '<' || d == '&' || d == ' ' || d == '\xC2' || static_cast<unsigned char>(d) < 0x20 ||
          d == 0x7F) {
        break;
      }
      ++j;
    }
    content(html_.substr(i, j - i));
    i = j;
  }
  end_line();
  return std::move(out_);
}

} // namespace

std::string html_to_text(std::string_view html, const ParserLimits& limits, Warnings& warnings) {
  return Converter(html, limits, warnings).run();
}

} // namespace appeald::parsers
