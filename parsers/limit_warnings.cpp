#include "parsers/limit_warnings.hpp"

#include <array>
#include <string_view>
#include <utility>

namespace appeald::parsers {

namespace {

// Warning code -> what was exceeded, in the order a reader meets them.
constexpr std::array<std::pair<std::string_view, std::string_view>, 12> limit_codes = {{
    {"message-too-large", "message larger than max_message_bytes"},
    {"header-too-large", "header block larger than max_header_bytes"},
    {"header-too-many", "more header fields than max_header_count"},
    {"address-too-many", "more addresses in one field than appeald reads"},
    {"mime-too-deep", "MIME nesting deeper than max_mime_depth"},
    {"mime-too-many-parts", "more MIME parts than max_parts"},
    {"text-truncated", "body text longer than max_text_bytes"},
    {"html-too-deep", "HTML nesting deeper than max_html_depth"},
    {"html-text-truncated", "HTML text longer than max_text_bytes"},
    {"html-line-too-long", "a line longer than max_line_bytes"},
    {"reply-line-truncated", "a line longer than max_line_bytes"},
    {"reply-truncated", "body text longer than max_text_bytes"}, // said once with text-truncated
}};

} // namespace

std::string limits_exceeded(const Warnings& warnings) {
  std::string out;
  for (const auto& [code, what] : limit_codes) {
    if (warnings.has(code) && out.find(what) == std::string::npos) {
      out += (out.empty() ? "" : "; ") + std::string(what);
    }
  }
  return out;
}

} // namespace appeald::parsers
