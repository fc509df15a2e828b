// Fuzzes the structured header parsers: encoded words, addresses, ids, dates, parameters and
// Authentication-Results, each on the same input.
#include "parsers/address_list.hpp"
#include "parsers/auth_results.hpp"
#include "parsers/content_type.hpp"
#include "parsers/date_time.hpp"
#include "parsers/encoded_words.hpp"
#include "parsers/message_ids.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace appeald::parsers;
  const std::string_view raw(reinterpret_cast<const char*>(data), size);
  Warnings warnings;
  (void)decode_header_text(raw, warnings);
  (void)parse_address_list(raw, warnings);
  (void)parse_message_id_list(raw);
  (void)parse_rfc5322_date(raw);
  (void)parse_rfc3339(raw);
  (void)parse_content_type(raw, warnings);
  (void)parse_authentication_results(raw);
  return 0;
}
