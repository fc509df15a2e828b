#include "daemon/verdict_line.hpp"

#include "daemon/message_json.hpp"
#include "daemon/verdict_json.hpp"

#include "parsers/byte_scan.hpp"
#include "parsers/utf8.hpp"

#include <array>
#include <cstdint>

namespace appeald::daemon {

namespace {

// The first index from `i` on where `s` may hold a byte that is not printable ASCII or that JSON
// escapes ('"', '\\'): skips whole 8-byte words of plain text, then stops (it may stop early).
std::size_t skip_plain_json(std::string_view s, std::size_t i) {
  namespace scan = parsers::byte_scan;
  while (i + 8 <= s.size()) {
    const std::uint64_t w = scan::load(s.data() + i);
    const bool below_space = ((w - scan::ones * 0x20) & ~w & scan::highs) != 0;
    if (below_space || (w & scan::highs) != 0 || scan::has_byte(w, '"') ||
        scan::has_byte(w, '\\')) {
      break;
    }
    i += 8;
  }
  return i;
}

// A writer that gives up (ok == false) at the first byte sequence that is not valid UTF-8.
class LineWriter {
public:
  explicit LineWriter(std::string& out) : out_(out) {}

  bool ok() const { return ok_; }

  void raw(std::string_view s) { out_ += s; }

  // A JSON string as nlohmann writes it with ensure_ascii off: '"' and '\\' escaped, the short
  // escapes for \b \f \n \r \t, \u00XX for the other control characters, everything else as is.
  // Bytes a JSON string holds as they are: not '"', '\\' or a control character.
  static constexpr std::array<bool, 256> copied_as_is = [] {
    std::array<bool, 256> t{};
    for (std::size_t c = 0x20; c < t.size(); ++c) {
      t[c] = c != '"' && c != '\\';
    }
    return t;
  }();

  void string(std::string_view s) {
    static constexpr std::array<char, 16> hex = {'0', '1', '2', '3', '4', '5', '6', '7',
                                                 '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
    if (!parsers::is_valid_utf8(s)) {
      ok_ = false;
      return;
    }
    out_ += '"';
    std::size_t run = 0; // start of bytes copied as they are
    for (std::size_t i = skip_plain_json(s, 0); i < s.size(); i = skip_plain_json(s, i + 1)) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (copied_as_is[c]) {
        continue;
      }
      out_.append(s.data() + run, i - run);
      run = i + 1;
      switch (c) {
      case '"':
        out_ += "\\\"";
        break;
      case '\\':
        out_ += "\\\\";
        break;
      case '\b':
        out_ += "\\b";
        break;
      case '\f':
        out_ += "\\f";
        break;
      case '\n':
        out_ += "\\n";
        break;
      case '\r':
        out_ += "\\r";
        break;
      case '\t':
        out_ += "\\t";
        break;
      default:
        out_ += "\\u00";
        out_ += hex[c >> 4];
        out_ += hex[c & 0xF];
      }
    }
    out_.append(s.data() + run, s.size() - run);
    out_ += '"';
  }

  void string_or_null(const std::string* s) {
    if (s == nullptr) {
      raw("null");
    } else {
      string(*s);
    }
  }

  void key(std::string_view k, bool first = false) {
    if (!first) {
      out_ += ',';
    }
    out_ += '"';
    out_ += k;
    out_ += "\":";
  }

  template <typename Range, typename Get> void array(const Range& items, Get get) {
    out_ += '[';
    bool first = true;
    for (const auto& item : items) {
      if (!first) {
        out_ += ',';
      }
      first = false;
      string(get(item));
    }
    out_ += ']';
  }

private:
  std::string& out_;
  bool ok_ = true;
};

const std::string& self(const std::string& s) {
  return s;
}
const std::string& address_of(const parsers::Mailbox& mb) {
  return mb.address;
}

} // namespace

void append_verdict_line(std::string& out, const parsers::Message& m, const appeals::Verdict& v,
                         const std::optional<responders::OutgoingMail>& reply,
                         const std::string& origin) {
  const std::size_t start = out.size();
  LineWriter w(out);
  w.raw("{");
  w.key("message_id", true);
  w.string_or_null(m.message_id ? &*m.message_id : nullptr);
  w.key("from");
  w.string_or_null(m.from.address.empty() ? nullptr : &m.from.address);
  w.key("case");
  w.string_or_null(v.match.matched ? &v.match.matched->id : nullptr);
  w.key("matched_by");
  w.string(to_string(v.match.rule));
  w.key("action");
  w.string(to_string(v.decision.action));
  w.key("missing");
  w.array(v.decision.missing, self);
  w.key("found");
  w.raw("{");
  bool first = true;
  for (const auto& [element, sentences] : v.found) {
    if (!first) {
      w.raw(",");
    }
    first = false;
    w.string(element);
    w.raw(":");
    w.array(sentences, self);
  }
  w.raw("}");
  w.key("reason");
  w.string(v.decision.reason);
  w.key("reply");
  if (reply) {
    w.raw("{");
    w.key("to", true);
    w.array(reply->to, address_of);
    w.key("cc");
    w.array(reply->cc, address_of);
    w.key("subject");
    w.string(reply->subject);
    w.key("message_id");
    w.string(reply->message_id);
    w.key("body");
    w.string(reply->body);
    w.raw("}");
  } else {
    w.raw("null");
  }
  w.key("origin");
  w.string(origin);
  w.key("planned");
  w.array(v.planned, self);
  w.key("flags");
  w.raw("[");
  bool first_flag = true;
  for (const auto& [on, name] :
       {std::pair{v.match.sender_differs, "\"sender_differs\""},
        std::pair{v.match.sender_unauthenticated, "\"sender_unauthenticated\""},
        std::pair{m.truncated, "\"truncated\""},
        std::pair{!m.warnings.empty(), "\"parse_warnings\""}}) {
    if (on) {
      w.raw(first_flag ? "" : ",");
      w.raw(name);
      first_flag = false;
    }
  }
  w.raw("]}");
  if (!w.ok()) {
    out.resize(start);
    out += dump_json(verdict_to_json(m, v, reply, origin));
  }
}

} // namespace appeald::daemon
