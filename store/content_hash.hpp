#pragma once
// SHA-256 (FIPS 180-4) of message bytes, for recognizing a message already taken. Written here so
// the store needs no crypto library; only integrity against accidents matters, not secrecy.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace appeald::store {

// Incremental SHA-256: update() any number of times, then finish() once.
class Sha256 {
public:
  Sha256();
  void update(std::string_view bytes);
  // The 32-byte digest. The object must not be updated or finished again afterwards.
  std::array<std::uint8_t, 32> finish();

private:
  void compress(const std::uint8_t* block);

  std::array<std::uint32_t, 8> state_;
  std::array<std::uint8_t, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t total_bytes_ = 0;
};

// The SHA-256 of `bytes` as 64 lowercase hex digits.
std::string sha256_hex(std::string_view bytes);

} // namespace appeald::store
