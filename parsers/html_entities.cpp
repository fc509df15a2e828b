#include "parsers/html_entities.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <unordered_map>

namespace appeald::parsers::html {

namespace {

bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c;
}

constexpr std::array<std::string_view, 96> latin1_names{
    "nbsp",   "iexcl",  "cent",   "pound",  "curren", "yen",    "brvbar", "sect",   "uml",
    "copy",   "ordf",   "laquo",  "not",    "shy",    "reg",    "macr",   "deg",    "plusmn",
    "sup2",   "sup3",   "acute",  "micro",  "para",   "middot", "cedil",  "sup1",   "ordm",
    "raquo",  "frac14", "frac12", "frac34", "iquest", "Agrave", "Aacute", "Acirc",  "Atilde",
    "Auml",   "Aring",  "AElig",  "Ccedil", "Egrave", "Eacute", "Ecirc",  "Euml",   "Igrave",
    "Iacute", "Icirc",  "Iuml",   "ETH",    "Ntilde", "Ograve", "Oacute", "Ocirc",  "Otilde",
    "Ouml",   "times",  "Oslash", "Ugrave", "Uacute", "Ucirc",  "Uuml",   "Yacute", "THORN",
    "szlig",  "agrave", "aacute", "acirc",  "atilde", "auml",   "aring",  "aelig",  "ccedil",
    "egrave", "eacute", "ecirc",  "euml",   "igrave", "iacute", "icirc",  "iuml",   "eth",
    "ntilde", "ograve", "oacute", "ocirc",  "otilde", "ouml",   "divide", "oslash", "ugrave",
    "uacute", "ucirc",  "uuml",   "yacute", "thorn",  "yuml"};

struct Named {
  std::string_view name;
  char32_t cp;
};

constexpr std::array other_names{
    Named{"amp", '&'},       Named{"lt", '<'},        Named{"gt", '>'},
    Named{"quot", '"'},      Named{"apos", '\''},     Named{"euro", 0x20AC},
    Named{"hellip", 0x2026}, Named{"mdash", 0x2014},  Named{"ndash", 0x2013},
    Named{"lsquo", 0x2018},  Named{"rsquo", 0x2019},  Named{"sbquo", 0x201A},
    Named{"ldquo", 0x201C},  Named{"rdquo", 0x201D},  Named{"bdquo", 0x201E},
    Named{"bull", 0x2022},   Named{"trade", 0x2122},  Named{"dagger", 0x2020},
    Named{"Dagger", 0x2021}, Named{"permil", 0x2030}, Named{"lsaquo", 0x2039},
    Named{"rsaquo", 0x203A}, Named{"OElig", 0x152},   Named{"oelig", 0x153},
    Named{"Scaron", 0x160},  Named{"scaron", 0x161},  Named{"Yuml", 0x178},
    Named{"fnof", 0x192},    Named{"circ", 0x2C6},    Named{"tilde", 0x2DC},
    Named{"ensp", 0x2002},   Named{"emsp", 0x2003},   Named{"thinsp", 0x2009},
    Named{"zwnj", 0x200C},   Named{"zwj", 0x200D},    Named{"lrm", 0x200E},
    Named{"rlm", 0x200F},    Named{"larr", 0x2190},   Named{"uarr", 0x2191},
    Named{"rarr", 0x2192},   Named{"darr", 0x2193},   Named{"harr", 0x2194},
    Named{"minus", 0x2212},  Named{"le", 0x2264},     Named{"ge", 0x2265},
    Named{"ne", 0x2260},     Named{"infin", 0x221E},  Named{"prime", 0x2032},
    Named{"Prime", 0x2033},  Named{"oline", 0x203E},  Named{"frasl", 0x2044},
    Named{"loz", 0x25CA},    Named{"spades", 0x2660}, Named{"clubs", 0x2663},
    Named{"hearts", 0x2665}, Named{"diams", 0x2666},  Named{"check", 0x2713},
};

std::optional<char32_t> named_entity(std::string_view name) {
  static const auto table = [] {
    std::unordered_map<std::string_view, char32_t> t;
    for (std::size_t k = 0; k < latin1_names.size(); ++k) {
      t.emplace(latin1_names[k], static_cast<char32_t>(0xA0 + k));
    }
    for (const Named& n : other_names) {
      t.emplace(n.name, n.cp);
    }
    return t;
  }();
  const auto it = table.find(name);
  return it == table.end() ? std::nullopt : std::optional<char32_t>(it->second);
}

// HTML5 numeric reference rules: Windows-1252 for 0x80-0x9F, U+FFFD for what is not a scalar.
char32_t numeric_code_point(std::uint32_t v) {
  static constexpr std::array<char16_t, 32> c1{
      0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};
  if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
    return 0xFFFD;
  }
  if (v >= 0x80 && v <= 0x9F) {
    return c1[v - 0x80];
  }
  return v;
}

} // namespace

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::optional<char32_t> parse_entity(std::string_view html, std::size_t i, std::size_t& end) {
  std::size_t j = i + 1;
  if (j < html.size() && html[j] == '#') {
    ++j;
    const bool hex = j < html.size() && (html[j] == 'x' || html[j] == 'X');
    j += hex ? 1 : 0;
    const std::size_t digits_start = j;
    std::uint32_t v = 0;
    for (; j < html.size(); ++j) {
      const char c = lower(html[j]);
      int d = is_digit(c) ? c - '0' : (hex && c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
      if (d < 0) {
        break;
      }
      v = std::min<std::uint32_t>(v * (hex ? 16 : 10) + static_cast<std::uint32_t>(d), 0x110000);
    }
    if (j == digits_start) {
      return std::nullopt;
    }
    end = (j < html.size() && html[j] == ';') ? j + 1 : j; // ';' is often forgotten
    return numeric_code_point(v);
  }
  constexpr std::size_t max_name = 32;
  while (j < html.size() && j - i <= max_name && (is_alpha(html[j]) || is_digit(html[j]))) {
    ++j;
  }
  const std::string_view name = html.substr(i + 1, j - i - 1);
  if (name.empty()) {
    return std::nullopt;
  }
  const bool semicolon = j < html.size() && html[j] == ';';
  // Without ';' only the unambiguous classics decode, so "?a=1&copy=2" in text survives.
  if (!semicolon && name != "amp" && name != "lt" && name != "gt" && name != "quot" &&
      name != "nbsp") {
    return std::nullopt;
  }
  const auto cp = named_entity(name);
  if (cp) {
    end = semicolon ? j + 1 : j;
  }
  return cp;
}

} // namespace appeald::parsers::html
