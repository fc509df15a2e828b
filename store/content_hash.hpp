#pragma once
// The content hash of message bytes, for recognizing a message already taken. SHA-256 itself
// lives in appeals/sha256.hpp (the notice ids use it too); only integrity against accidents
// matters here, not secrecy.
#include "appeals/sha256.hpp"

#include <string>
#include <string_view>

namespace appeald::store {

// The hash class, under its old name for the store's callers.
using appeals::Sha256;

// The SHA-256 of `bytes` as 64 lowercase hex digits.
std::string sha256_hex(std::string_view bytes);

} // namespace appeald::store
