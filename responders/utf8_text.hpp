#pragma once
// UTF-8 hygiene for text that leaves appeald: every header value and body we write is valid UTF-8.
#include <cstddef>
#include <string>
#include <string_view>

namespace appeald::responders {

// True when every byte is below 0x80.
bool is_ascii(std::string_view text);

// Length in bytes of the UTF-8 sequence starting with lead byte `lead` (1 for ASCII and for
// bytes that cannot start a sequence). Meant for text already passed through
// parsers::sanitize_utf8().
std::size_t utf8_sequence_length(unsigned char lead);

// The longest prefix of valid UTF-8 `text` that is at most `max_bytes` long and does not split a
// character.
std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes);

} // namespace appeald::responders
