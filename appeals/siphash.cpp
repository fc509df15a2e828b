#include "appeals/siphash.hpp"

#include <bit>
#include <cstring>
#include <random>

namespace appeald::appeals {

namespace {

struct State {
  std::uint64_t v0, v1, v2, v3;

  void round() {
    v0 += v1;
    v1 = std::rotl(v1, 13);
    v1 ^= v0;
    v0 = std::rotl(v0, 32);
    v2 += v3;
    v3 = std::rotl(v3, 16);
    v3 ^= v2;
    v0 += v3;
    v3 = std::rotl(v3, 21);
    v3 ^= v0;
    v2 += v1;
    v1 = std::rotl(v1, 17);
    v1 ^= v2;
    v2 = std::rotl(v2, 32);
  }

  void absorb(std::uint64_t m) {
    v3 ^= m;
    round();
    round();
    v0 ^= m;
  }

  std::uint64_t squeeze() {
    for (int i = 0; i < 4; ++i) {
      round();
    }
    return v0 ^ v1 ^ v2 ^ v3;
  }
};

std::uint64_t load_le(const char* p, std::size_t n) {
  std::uint64_t m = 0;
  for (std::size_t i = 0; i < n; ++i) {
    m |= std::uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
  }
  return m;
}

} // namespace

SipTag siphash128(const SipKey& key, std::string_view bytes) {
  State s{key[0] ^ 0x736f6d6570736575ULL, key[1] ^ 0x646f72616e646f6dULL,
          key[0] ^ 0x6c7967656e657261ULL, key[1] ^ 0x7465646279746573ULL};
  s.v1 ^= 0xee; // the 128-bit variant
  const std::size_t whole = bytes.size() / 8 * 8;
  for (std::size_t i = 0; i < whole; i += 8) {
    s.absorb(load_le(bytes.data() + i, 8));
  }
  s.absorb((std::uint64_t{bytes.size()} << 56) |
           load_le(bytes.data() + whole, bytes.size() - whole));
  s.v2 ^= 0xee;
  const std::uint64_t first = s.squeeze();
  s.v1 ^= 0xdd;
  return {first, s.squeeze()};
}

SipKey random_sip_key() {
  std::random_device source;
  SipKey key{};
  for (std::uint64_t& k : key) {
    k = (std::uint64_t{source()} << 32) | source();
  }
  return key;
}

} // namespace appeald::appeals
