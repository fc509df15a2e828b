// SipHash-2-4-128 gives the reference implementation's tags (its vectors.h: key 00..0f, message
// 00..len-1) on both sides of the 8-byte block edge, and the tag depends on the key.
#include "appeals/siphash.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace appeald::appeals;

namespace {

// The tag's 16 bytes as the reference writes them: each half little-endian.
std::string hex(const SipTag& tag) {
  static constexpr std::string_view digits = "0123456789abcdef";
  std::string out;
  for (const std::uint64_t half : tag) {
    for (int byte = 0; byte < 8; ++byte) {
      const auto b = static_cast<unsigned>((half >> (8 * byte)) & 0xFF);
      out += digits[b >> 4];
      out += digits[b & 0xF];
    }
  }
  return out;
}

std::string counting_bytes(std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) {
    s += static_cast<char>(i);
  }
  return s;
}

constexpr SipKey reference_key{0x0706050403020100ULL, 0x0f0e0d0c0b0a0908ULL};

} // namespace

TEST_CASE("siphash128 gives the reference vectors across the block edge") {
  struct Row {
    std::size_t length;
    std::string_view tag;
  };
  const Row rows[] = {
      {0, "a3817f04ba25a8e66df67214c7550293"}, // the length block alone
      {1, "da87c1d86b99af44347659119b22fc45"},
      {2, "8177228da4a45dc7fca38bdef60affe4"},
      {4, "f88164c12d9c8faf7d0f6e7c7bcd5579"},
      {7, "a1f1ebbed8dbc153c0b84aa61ff08239"}, // the longest tail
      {8, "3b62a9ba6258f5610f83e264f31497b4"}, // one whole block, empty tail
      {9, "264499060ad9baabc47f8b02bb6d71ed"}, // a block and a byte
  };
  for (const Row& row : rows) {
    CAPTURE(row.length);
    CHECK(hex(siphash128(reference_key, counting_bytes(row.length))) == row.tag);
  }
}

TEST_CASE("siphash128 tags differ with the key and with one byte of the message") {
  const std::string id = "<n-1001.x7k2@enforcement.example>";
  const SipTag tag = siphash128(reference_key, id);
  CHECK(siphash128(reference_key, id) == tag);
  CHECK(siphash128(SipKey{reference_key[0] ^ 1, reference_key[1]}, id) != tag);
  std::string other = id;
  other[5] = '2';
  CHECK(siphash128(reference_key, other) != tag);
  CHECK(random_sip_key() != random_sip_key());
}
