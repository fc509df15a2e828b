#pragma once
// SHA-256 (FIPS 180-4) and HMAC-SHA256 (RFC 2104). Written here so appeald needs no crypto
// library: the store hashes message bytes to recognise a message already taken (integrity
// against accidents), and notice Message-IDs carry an HMAC so appeald can tell its own notices
// from forged ids (appeals/notice_id.hpp).
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace appeald::appeals {

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

// HMAC-SHA256 of `message` under `key` (RFC 2104 with SHA-256; any key length: keys longer than
// 64 bytes are hashed first). Verified against the RFC 4231 test vectors.
std::array<std::uint8_t, 32> hmac_sha256(std::string_view key, std::string_view message);

} // namespace appeald::appeals
