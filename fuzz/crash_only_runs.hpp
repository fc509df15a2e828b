#pragma once
// The calls of the crash-only fuzz targets (fuzz_headers, fuzz_html, fuzz_reply), shared with
// tests/test_fuzz_regressions.cpp so a fixture is replayed through exactly what the fuzzer ran.
// They check no property: a sanitizer report, a crash or a hang is the failure.
#include "parsers/address_list.hpp"
#include "parsers/auth_results.hpp"
#include "parsers/content_type.hpp"
#include "parsers/date_time.hpp"
#include "parsers/encoded_words.hpp"
#include "parsers/html_text.hpp"
#include "parsers/message_ids.hpp"
#include "parsers/reply_extractor.hpp"

#include <string_view>

namespace appeald::fuzz {

// Every structured header parser on the same input.
inline void run_header_parsers(std::string_view raw) {
  using namespace parsers;
  Warnings warnings;
  (void)decode_header_text(raw, warnings);
  (void)parse_address_list(raw, warnings);
  (void)parse_message_id_list(raw);
  (void)parse_rfc5322_date(raw);
  (void)parse_rfc3339(raw);
  (void)parse_content_type(raw, warnings);
  (void)parse_authentication_results(raw);
}

// HTML to text, with a nesting limit low enough for deep inputs to reach it.
inline void run_html_to_text(std::string_view html) {
  parsers::ParserLimits limits;
  limits.max_html_depth = 64;
  parsers::Warnings warnings;
  (void)parsers::html_to_text(html, limits, warnings);
}

// Reply extraction on arbitrary text.
inline void run_reply_extraction(std::string_view text) {
  (void)parsers::extract_reply(text);
}

} // namespace appeald::fuzz
