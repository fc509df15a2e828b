#include "parsers/charset.hpp"

#include "parsers/byte_scan.hpp"
#include "parsers/utf8.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <iconv.h>
#include <utility>

namespace appeald::parsers {

namespace {

constexpr std::string_view replacement = "\xEF\xBF\xBD"; // U+FFFD

std::string lower_trimmed(std::string_view label) {
  auto is_junk = [](char c) { return c == ' ' || c == '\t' || c == '"' || c == '\''; };
  while (!label.empty() && is_junk(label.front())) {
    label.remove_prefix(1);
  }
  while (!label.empty() && is_junk(label.back())) {
    label.remove_suffix(1);
  }
  // RFC 2231 language suffix ("utf-8*en"): the language is not part of the charset.
  label = label.substr(0, label.find('*'));
  std::string out(label);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
  });
  return out;
}

struct Alias {
  std::string_view label;
  std::string_view name;
};

// Labels seen in mail, mapped the way browsers (WHATWG Encoding) and mail clients decode them:
// the "smaller" legacy charset is nearly always written by a Windows encoder of its superset.
constexpr std::array aliases{
    Alias{"utf-8", "UTF-8"},
    Alias{"utf8", "UTF-8"},
    Alias{"unicode-1-1-utf-8", "UTF-8"},
    Alias{"x-unicode20utf8", "UTF-8"},
    Alias{"us-ascii", "WINDOWS-1252"},
    Alias{"ascii", "WINDOWS-1252"},
    Alias{"ansi_x3.4-1968", "WINDOWS-1252"},
    Alias{"iso-8859-1", "WINDOWS-1252"},
    Alias{"iso8859-1", "WINDOWS-1252"},
    Alias{"iso_8859-1", "WINDOWS-1252"},
    Alias{"iso88591", "WINDOWS-1252"},
    Alias{"latin1", "WINDOWS-1252"},
    Alias{"l1", "WINDOWS-1252"},
    Alias{"iso-ir-100", "WINDOWS-1252"},
    Alias{"cp819", "WINDOWS-1252"},
    Alias{"iso-8859-9", "WINDOWS-1254"},
    Alias{"latin5", "WINDOWS-1254"},
    Alias{"iso-8859-11", "WINDOWS-874"},
    Alias{"tis-620", "WINDOWS-874"},
    Alias{"gb2312", "GB18030"},
    Alias{"gb_2312-80", "GB18030"},
    Alias{"csgb2312", "GB18030"},
    Alias{"chinese", "GB18030"},
    Alias{"euc-cn", "GB18030"},
    Alias{"gbk", "GB18030"},
    Alias{"cp936", "GB18030"},
    Alias{"ms936", "GB18030"},
    Alias{"windows-936", "GB18030"},
    Alias{"gb18030", "GB18030"},
    Alias{"ks_c_5601-1987", "CP949"},
    Alias{"ks_c_5601", "CP949"},
    Alias{"ks_c_5601-1989", "CP949"},
    Alias{"ksc5601", "CP949"},
    Alias{"ksc_5601", "CP949"},
    Alias{"euc-kr", "CP949"},
    Alias{"cseuckr", "CP949"},
    Alias{"korean", "CP949"},
    Alias{"windows-949", "CP949"},
    Alias{"shift_jis", "CP932"},
    Alias{"shift-jis", "CP932"},
    Alias{"sjis", "CP932"},
    Alias{"ms_kanji", "CP932"},
    Alias{"csshiftjis", "CP932"},
    Alias{"windows-31j", "CP932"},
    Alias{"windows-932", "CP932"},
    Alias{"iso-2022-jp", "ISO-2022-JP-2"},
    Alias{"csiso2022jp", "ISO-2022-JP-2"},
    Alias{"euc-jp", "EUC-JP"},
    Alias{"cseucpkdfmtjapanese", "EUC-JP"},
    Alias{"big5", "BIG5-HKSCS"},
    Alias{"big5-hkscs", "BIG5-HKSCS"},
    Alias{"cn-big5", "BIG5-HKSCS"},
    Alias{"csbig5", "BIG5-HKSCS"},
    Alias{"koi8-r", "KOI8-R"},
    Alias{"koi8r", "KOI8-R"},
    Alias{"koi8_r", "KOI8-R"},
    Alias{"koi", "KOI8-R"},
    Alias{"koi8-u", "KOI8-U"},
    Alias{"koi8-ru", "KOI8-U"},
    Alias{"utf-16", "UTF-16"},
    Alias{"utf-16le", "UTF-16LE"},
    Alias{"utf-16be", "UTF-16BE"},
    Alias{"unicode", "UTF-16LE"},
    Alias{"macintosh", "MACINTOSH"},
    Alias{"mac", "MACINTOSH"},
    Alias{"iso-8859-8-i", "ISO-8859-8"},
};

// "windows-1250", "cp1250", "win-1250", "ms-1250" -> "WINDOWS-1250".
std::string windows_codepage(std::string_view l) {
  for (std::string_view prefix : {"windows-", "windows", "cp-", "cp", "win-", "win", "ms-"}) {
    if (l.starts_with(prefix)) {
      std::string_view rest = l.substr(prefix.size());
      if (rest.size() == 4 && rest.starts_with("125") && rest[3] >= '0' && rest[3] <= '8') {
        return "WINDOWS-" + std::string(rest);
      }
    }
  }
  return {};
}

// "iso8859-2", "iso_8859-2", "iso88592", "8859-2" -> "ISO-8859-2".
std::string iso_8859(std::string_view l) {
  for (std::string_view prefix :
       {"iso-8859-", "iso_8859-", "iso8859-", "iso8859_", "iso-8859", "iso8859", "8859-"}) {
    if (l.starts_with(prefix)) {
      std::string_view rest = l.substr(prefix.size());
      if (!rest.empty() && rest.size() <= 2 &&
          std::all_of(rest.begin(), rest.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return "ISO-8859-" + std::string(rest);
      }
    }
  }
  return {};
}

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c);
  });
  return s;
}

bool is_ascii(std::string_view s) {
  return byte_scan::find_non_ascii(s) == s.size();
}

// Charsets where a pure-ASCII byte string means the same ASCII text.
bool ascii_compatible(std::string_view name) {
  return !(name.starts_with("UTF-16") || name.starts_with("UTF-32") || name.starts_with("UCS") ||
           name.starts_with("UTF-7") || name.starts_with("ISO-2022") || name.starts_with("HZ"));
}

// Units iconv decodes in; skipping one unit resynchronises after an invalid sequence.
std::size_t unit_width(std::string_view name) {
  if (name.starts_with("UTF-16") || name.starts_with("UCS-2")) {
    return 2;
  }
  if (name.starts_with("UTF-32") || name.starts_with("UCS-4")) {
    return 4;
  }
  return 1;
}

void append_code_point(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Windows-1252 by table rather than iconv: it is the fallback for every unlabelled or mislabelled
// part, and glibc rejects 0x81/0x8D/0x8F/0x90/0x9D, which browsers map to the C1 controls.
std::string windows_1252_to_utf8(std::string_view bytes) {
  static constexpr std::array<char16_t, 32> high{
      0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 4);
  for (unsigned char c : bytes) {
    append_code_point(out, c >= 0x80 && c < 0xA0 ? high[c - 0x80] : c);
  }
  return out;
}

// A few open iconv descriptors per thread: opening one costs far more than a conversion.
class IconvCache {
public:
  ~IconvCache() {
    for (auto& e : entries_) {
      if (e.cd != invalid()) {
        iconv_close(e.cd);
      }
    }
  }
  // Descriptor converting `name` to UTF-8, reset to its initial state; invalid() when unknown.
  iconv_t get(const std::string& name) {
    for (auto& e : entries_) {
      if (e.used && e.name == name) {
        if (e.cd != invalid()) {
          iconv(e.cd, nullptr, nullptr, nullptr, nullptr);
        }
        return e.cd;
      }
    }
    Entry& slot = entries_[next_];
    next_ = (next_ + 1) % entries_.size();
    if (slot.used && slot.cd != invalid()) {
      iconv_close(slot.cd);
    }
    slot.used = true;
    slot.name = name;
    slot.cd = iconv_open("UTF-8", name.c_str()); // failures are cached too
    return slot.cd;
  }
  static iconv_t invalid() { return reinterpret_cast<iconv_t>(-1); }

private:
  struct Entry {
    bool used = false;
    std::string name;
    iconv_t cd = invalid();
  };
  std::array<Entry, 8> entries_{};
  std::size_t next_ = 0;
};

struct Converted {
  std::string text;
  std::size_t invalid = 0; // replacement characters inserted
};

Converted convert(iconv_t cd, std::string_view bytes, std::size_t unit) {
  Converted r;
  std::string& out = r.text;
  out.resize(bytes.size() * 2 + 16);
  char* in = const_cast<char*>(bytes.data()); // iconv's signature is not const-correct
  std::size_t in_left = bytes.size();
  std::size_t used = 0;
  auto grow = [&](std::size_t need) {
    if (out.size() - used < need) {
      out.resize(std::max(out.size() * 2, used + need));
    }
  };
  while (true) {
    char* dst = out.data() + used;
    std::size_t out_left = out.size() - used;
    const std::size_t rc = in_left == 0 ? iconv(cd, nullptr, nullptr, &dst, &out_left)
                                        : iconv(cd, &in, &in_left, &dst, &out_left);
    used = out.size() - out_left;
    if (rc != static_cast<std::size_t>(-1)) {
      if (in_left == 0) {
        // Flush any shift state (first pass converts the input, a second writes the reset).
        dst = out.data() + used;
        out_left = out.size() - used;
        if (iconv(cd, nullptr, nullptr, &dst, &out_left) != static_cast<std::size_t>(-1)) {
          used = out.size() - out_left;
          break;
        }
        grow(64);
        continue;
      }
      continue;
    }
    if (errno == E2BIG) {
      grow(in_left * 2 + 64);
      continue;
    }
    grow(replacement.size() + 8);
    // Written in place: out already has room, and replace() would move the whole tail for
    // every invalid byte (quadratic on mislabelled text; the fuzzer found it).
    std::memcpy(out.data() + used, replacement.data(), replacement.size());
    used += replacement.size();
    ++r.invalid;
    if (errno == EILSEQ) {
      const std::size_t skip = std::min(unit, in_left);
      in += skip;
      in_left -= skip;
      continue;
    }
    break; // EINVAL: truncated sequence at the end, or an unexpected error
  }
  out.resize(used);
  return r;
}

} // namespace

std::string canonical_charset(std::string_view label) {
  const std::string l = lower_trimmed(label);
  if (l.empty()) {
    return {};
  }
  std::string_view key = l;
  for (const Alias& a : aliases) {
    if (a.label == key) {
      return std::string(a.name);
    }
  }
  if (key.starts_with("x-") || key.starts_with("x_")) { // "x-gbk", "x-sjis", "x-euc-jp"
    const std::string bare = canonical_charset(key.substr(2));
    if (bare != upper(std::string(key.substr(2)))) {
      return bare;
    }
  }
  if (std::string w = windows_codepage(key); !w.empty()) {
    return w;
  }
  if (std::string iso = iso_8859(key); !iso.empty()) {
    return iso == "ISO-8859-1" ? "WINDOWS-1252" : iso == "ISO-8859-9" ? "WINDOWS-1254" : iso;
  }
  return upper(l);
}

std::string to_utf8(std::string_view bytes, std::string_view charset, Warnings& warnings) {
  const std::string name = canonical_charset(charset);
  if (bytes.empty()) {
    return {};
  }
  if (name.empty()) {
    // Unlabelled 8-bit text is either UTF-8 or a Windows Western charset in practice.
    return is_valid_utf8(bytes) ? std::string(bytes) : windows_1252_to_utf8(bytes);
  }
  if (ascii_compatible(name) && is_ascii(bytes)) {
    return std::string(bytes);
  }
  if (name == "UTF-8") {
    if (is_valid_utf8(bytes)) {
      return std::string(bytes);
    }
    warnings.add("charset-invalid-bytes", name);
    return sanitize_utf8(bytes);
  }
  if (name == "WINDOWS-1252") {
    return windows_1252_to_utf8(bytes);
  }
  thread_local IconvCache cache;
  // Labels come from the message: only plausible charset names reach iconv_open (no "//"
  // suffixes, no paths, bounded length).
  const bool plausible = name.size() <= 40 && std::all_of(name.begin(), name.end(), [](char c) {
                           return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                                  c == '_' || c == '.' || c == ':';
                         });
  iconv_t cd = plausible ? cache.get(name) : IconvCache::invalid();
  if (cd == IconvCache::invalid()) {
    warnings.add("charset-unknown", std::string(charset));
    return is_valid_utf8(bytes) ? std::string(bytes) : windows_1252_to_utf8(bytes);
  }
  Converted r = convert(cd, bytes, unit_width(name));
  if (name == "ISO-2022-JP-2" && (r.invalid > 0 || r.text.find('\x1B') != std::string::npos)) {
    // JIS X 0213 and half-width katakana escapes are only known to the -3 decoder; the -2
    // decoder passes unknown escapes through as text.
    if (iconv_t cd3 = cache.get("ISO-2022-JP-3"); cd3 != IconvCache::invalid()) {
      Converted r3 = convert(cd3, bytes, 1);
      const auto escapes = [](const Converted& c) {
        return c.invalid +
               static_cast<std::size_t>(std::count(c.text.begin(), c.text.end(), '\x1B'));
      };
      if (escapes(r3) < escapes(r)) {
        r = std::move(r3);
      }
    }
  }
  if (r.invalid > 0) {
    warnings.add("charset-invalid-bytes", name);
  }
  // iconv's output is UTF-8 already; this only guards the "always valid" promise.
  return is_valid_utf8(r.text) ? std::move(r.text) : sanitize_utf8(r.text);
}

} // namespace appeald::parsers
