#include "parsers/body_text.hpp"

#include "parsers/byte_scan.hpp"

#include "parsers/address_list.hpp"
#include "parsers/charset.hpp"
#include "parsers/encoded_words.hpp"
#include "parsers/html_text.hpp"
#include "parsers/message_ids.hpp"
#include "parsers/transfer_encoding.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <optional>
#include <unordered_map>

namespace appeald::parsers {

namespace {

bool is_body_type(const std::string& type) {
  return type == "text/plain" || type == "text/html" || type == "text/enriched";
}

std::string file_name(const MimeEntity& e) {
  std::string name = e.disposition.param("filename");
  return name.empty() ? e.content_type.param("name") : name;
}

bool is_attachment(const MimeEntity& e) {
  const std::string& type = e.content_type.value;
  if (type.starts_with("multipart/")) {
    return false; // a container, or a broken one read as text
  }
  if (e.disposition.value == "attachment" || !is_body_type(type)) {
    return true;
  }
  return !file_name(e).empty() && e.disposition.value != "inline";
}

// The base64 alphabet bytes in `body`. Attachments are most of a mailbox's bytes, so this is
// written as range compares the compiler turns into SIMD (a table lookup per byte is a gather it
// cannot, and a call to std::isalnum per byte was once a fifth of a dry-run's time).
std::size_t base64_symbols(std::string_view body) {
  std::size_t symbols = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(body.data());
  std::size_t left = body.size();
  while (left > 0) {
    // Byte-wide counts in blocks of at most 255, so every SIMD lane stays one byte.
    const std::size_t block = std::min<std::size_t>(left, 255);
    std::uint8_t count = 0;
    for (std::size_t i = 0; i < block; ++i) {
      const unsigned char c = p[i];
      const bool letter = static_cast<unsigned char>((c | 0x20) - 'a') < 26;
      const bool digit = static_cast<unsigned char>(c - '0') < 10;
      count = static_cast<std::uint8_t>(count + (letter | digit | (c == '+') | (c == '/')));
    }
    symbols += count;
    p += block;
    left -= block;
  }
  return symbols;
}

// Decoded size without materialising base64 content (attachments can be large).
std::size_t decoded_size(const MimeEntity& e, Warnings& warnings) {
  if (e.transfer_encoding == "base64") {
    return base64_symbols(e.body) * 3 / 4;
  }
  if (e.transfer_encoding == "quoted-printable") {
    return decode_transfer_encoding(e.body, e.transfer_encoding, warnings).size();
  }
  return e.body.size();
}

// `charset` from <meta charset=x> or <meta http-equiv content="...; charset=x">.
std::string html_meta_charset(std::string_view html) {
  const std::string head = ascii_lower(html.substr(0, 1024));
  const std::size_t at = head.find("charset=");
  if (at == std::string::npos) {
    return {};
  }
  std::size_t p = at + 8;
  while (p < head.size() && (head[p] == '"' || head[p] == '\'' || head[p] == ' ')) {
    ++p;
  }
  std::size_t end = p;
  while (end < head.size() && (std::isalnum(static_cast<unsigned char>(head[end])) != 0 ||
                               head[end] == '-' || head[end] == '_' || head[end] == ':')) {
    ++end;
  }
  return head.substr(p, end - p);
}

// CRLF and lone CR become '\n'; NUL bytes, which no text means and which C-string consumers of
// the text would cut at, are dropped.
std::string normalize_line_ends(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t run = 0; // start of the bytes not yet copied, which are copied in one append
  for (std::size_t i = byte_scan::find_either(s, '\r', '\0'); i < s.size();
       i = byte_scan::find_either(s, '\r', '\0', i + 1)) {
    const char c = s[i];
    out.append(s.data() + run, i - run);
    if (c == '\r') {
      out += '\n';
      if (i + 1 < s.size() && s[i + 1] == '\n') {
        ++i;
      }
    }
    run = i + 1;
  }
  out.append(s.data() + run, s.size() - run);
  return out;
}

// Cuts `s` to at most `limit` bytes without splitting a UTF-8 sequence.
void cut_utf8(std::string& s, std::size_t limit) {
  if (s.size() <= limit) {
    return;
  }
  std::size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) {
    --end;
  }
  s.resize(end);
}

class Walker {
public:
  Walker(const ParserLimits& limits, Warnings& warnings) : limits_(limits), warnings_(warnings) {}

  BodyContent run(const MimeEntity& root) {
    collect(root);
    std::optional<std::string> text = body_of(root);
    out_.text = text.value_or("");
    if (out_.text.size() > limits_.max_text_bytes) {
      warnings_.add("text-truncated");
      cut_utf8(out_.text, limits_.max_text_bytes);
    }
    return std::move(out_);
  }

private:
  const std::string& decoded(const MimeEntity& leaf) {
    auto it = cache_.find(&leaf);
    if (it == cache_.end()) {
      it = cache_.emplace(&leaf, decode_text_leaf(leaf, warnings_)).first;
    }
    return it->second;
  }

  // Attachments, text parts and embedded messages, in document order.
  void collect(const MimeEntity& e) {
    const std::string& type = e.content_type.value;
    if (type == "message/rfc822" || type == "message/global") {
      out_.attachments.push_back({file_name(e), type, e.body.size()});
      if (!e.children.empty()) {
        out_.embedded.push_back(embedded_message(e.children.front()));
      }
      return;
    }
    if (type.starts_with("multipart/") && !e.children.empty()) {
      for (const MimeEntity& child : e.children) {
        collect(child);
      }
      return;
    }
    if (is_attachment(e)) {
      out_.attachments.push_back({file_name(e), type, decoded_size(e, warnings_)});
      return;
    }
    out_.text_parts.push_back({type.starts_with("multipart/") ? "text/plain" : type, decoded(e)});
  }

  EmbeddedMessage embedded_message(const MimeEntity& inner) {
    EmbeddedMessage m;
    if (const HeaderField* f = find_field(inner.headers, "Message-ID")) {
      m.message_id = parse_message_id(f->value);
    }
    if (const HeaderField* f = find_field(inner.headers, "From")) {
      m.from = parse_first_mailbox(f->value, warnings_);
    }
    if (const HeaderField* f = find_field(inner.headers, "Subject")) {
      m.subject = decode_header_text(f->value, warnings_);
    }
    // The embedded body is chosen by the same rules, but its parts are not the sender's.
    Walker inner_walker(limits_, warnings_);
    m.text = inner_walker.run(inner).text;
    return m;
  }

  // A multipart whose boundaries never appear is read as plain text, so its words survive.
  static bool broken_multipart(const MimeEntity& e) {
    return e.content_type.value.starts_with("multipart/") && e.children.empty();
  }

  std::optional<std::string> leaf_text(const MimeEntity& e) {
    const std::string& text = decoded(e);
    if (e.content_type.value == "text/html") {
      return html_to_text(text, limits_, warnings_);
    }
    return text;
  }

  static bool blank(const std::optional<std::string>& s) {
    return !s || s->find_first_not_of(" \t\n") == std::string::npos;
  }

  std::optional<std::string> alternative(const MimeEntity& e) {
    for (const MimeEntity& child : e.children) {
      if (child.content_type.value == "text/plain" && !is_attachment(child)) {
        std::optional<std::string> t = leaf_text(child);
        if (!blank(t)) {
          return t;
        }
      }
    }
    // The last alternative is the richest (RFC 2046 5.1.4).
    for (auto it = e.children.rbegin(); it != e.children.rend(); ++it) {
      std::optional<std::string> t = body_of(*it);
      if (!blank(t)) {
        return t;
      }
    }
    return std::nullopt;
  }

  std::optional<std::string> body_of(const MimeEntity& e) {
    const std::string& type = e.content_type.value;
    if (type == "message/rfc822" || type == "message/global") {
      return std::nullopt;
    }
    if (broken_multipart(e)) {
      return leaf_text(e);
    }
    if (!type.starts_with("multipart/")) {
      return is_attachment(e) ? std::nullopt : leaf_text(e);
    }
    if (type == "multipart/alternative") {
      return alternative(e);
    }
    if (type == "multipart/related" || type == "multipart/report" || type == "multipart/signed" ||
        type == "multipart/encrypted") {
      return body_of(e.children.front());
    }
    std::optional<std::string> joined;
    for (const MimeEntity& child : e.children) {
      std::optional<std::string> t = body_of(child);
      if (blank(t)) {
        continue;
      }
      if (!joined) {
        joined = std::move(t);
      } else {
        *joined += "\n\n" + *t;
      }
    }
    return joined;
  }

  const ParserLimits& limits_;
  Warnings& warnings_;
  BodyContent out_;
  std::unordered_map<const MimeEntity*, std::string> cache_;
};

} // namespace

std::string decode_text_leaf(const MimeEntity& leaf, Warnings& warnings) {
  const std::string bytes = decode_transfer_encoding(leaf.body, leaf.transfer_encoding, warnings);
  std::string charset = leaf.content_type.param("charset");
  if (charset.empty() && leaf.content_type.value == "text/html") {
    charset = html_meta_charset(bytes);
  }
  std::string text = normalize_line_ends(to_utf8(bytes, charset, warnings));
  if (leaf.content_type.value == "text/plain" &&
      ascii_lower(leaf.content_type.param("format")) == "flowed") {
    text = unflow(text, ascii_lower(leaf.content_type.param("delsp")) == "yes");
  }
  return text;
}

std::string unflow(std::string_view text, bool delete_space) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  bool joining = false; // the previous line was flowed: this one continues it
  std::size_t joined_depth = 0;
  while (pos <= text.size()) {
    const std::size_t end = std::min(text.find('\n', pos), text.size());
    std::string_view line = text.substr(pos, end - pos);
    std::size_t depth = 0;
    while (depth < line.size() && line[depth] == '>') {
      ++depth;
    }
    std::string_view content = line.substr(depth);
    if (!content.empty() && content.front() == ' ') {
      content.remove_prefix(1); // space-stuffing (RFC 3676 4.4), or the space after quote marks
    }
    // A flowed line ends in a space; the signature separator "-- " never flows.
    const bool flowed = !content.empty() && content.back() == ' ' && content != "-- ";
    if (joining && depth == joined_depth) {
      out += content;
    } else {
      if (joining) {
        out += '\n'; // quote depth changed: the paragraph ended (RFC 3676 4.5)
      }
      out.append(depth, '>');
      if (depth > 0 && !content.empty()) {
        out += ' ';
      }
      out += content;
    }
    if (flowed) {
      if (delete_space) {
        out.pop_back();
      }
      joining = true;
      joined_depth = depth;
    } else {
      joining = false;
      if (end < text.size()) {
        out += '\n';
      }
    }
    if (end >= text.size()) {
      break;
    }
    pos = end + 1;
  }
  return out;
}

BodyContent extract_body(const MimeEntity& root, const ParserLimits& limits, Warnings& warnings) {
  return Walker(limits, warnings).run(root);
}

} // namespace appeald::parsers
