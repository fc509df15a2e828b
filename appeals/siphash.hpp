#pragma once
// SipHash-2-4 with a 128-bit tag (Aumasson and Bernstein, "SipHash: a fast short-input PRF").
// A keyed hash for indexes whose keys outsiders choose: without the 128-bit key, finding two
// inputs with the same tag takes on the order of 2^64 work, while hashing a short string costs
// a few hundred instructions (a tenth of SHA-256's).
#include <array>
#include <cstdint>
#include <string_view>

namespace appeald::appeals {

using SipKey = std::array<std::uint64_t, 2>; // k0, k1: the key's bytes 0-7 and 8-15, little-endian
using SipTag = std::array<std::uint64_t, 2>; // the tag's bytes 0-7 and 8-15, little-endian

// The 128-bit tag of `bytes` under `key`, as the reference implementation computes it.
SipTag siphash128(const SipKey& key, std::string_view bytes);

// A key from the system's random source, for tags that live only as long as the process.
SipKey random_sip_key();

} // namespace appeald::appeals
