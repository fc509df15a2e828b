// store/content_hash: SHA-256 against the FIPS 180-4 / NIST example vectors, the padding
// boundaries (55, 56 and 64 bytes), and incremental hashing in any chunk size.
#include "store/content_hash.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace appeald;

namespace {

std::string hex(const std::array<std::uint8_t, 32>& digest) {
  static constexpr std::string_view digits = "0123456789abcdef";
  std::string out;
  for (const std::uint8_t b : digest) {
    out.push_back(digits[b >> 4]);
    out.push_back(digits[b & 0x0f]);
  }
  return out;
}

} // namespace

TEST_CASE("sha256_hex matches the NIST example vectors and the padding boundaries") {
  struct Row {
    std::string what;
    std::string input;
    std::string expected;
  };
  const Row rows[] = {
      {"empty", "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
      {"abc", "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
      {"448-bit message", "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
      {"896-bit message",
       "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlm"
       "nopqrsmnopqrstnopqrstu",
       "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"},
      {"one million 'a'", std::string(1'000'000, 'a'),
       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
      {"55 bytes: length fits the last block", std::string(55, 'a'),
       "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"},
      {"56 bytes: length needs an extra block", std::string(56, 'a'),
       "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"},
      {"64 bytes: one whole block", std::string(64, 'a'),
       "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    CHECK(store::sha256_hex(row.input) == row.expected);
  }
}

TEST_CASE("hashing in chunks of any size gives the one-shot digest") {
  std::string input;
  for (int i = 0; i < 300; ++i) {
    input.push_back(static_cast<char>((i * 37 + 11) & 0xff)); // every byte value class, NULs too
  }
  for (const std::size_t length : {0, 1, 55, 56, 63, 64, 65, 127, 128, 129, 300}) {
    const std::string_view data(input.data(), length);
    const std::string one_shot = store::sha256_hex(data);
    for (const std::size_t chunk : {1, 3, 63, 64, 65, 200}) {
      CAPTURE(length);
      CAPTURE(chunk);
      store::Sha256 hash;
      for (std::size_t at = 0; at < length; at += chunk) {
        hash.update(data.substr(at, chunk));
      }
      CHECK(hex(hash.finish()) == one_shot);
    }
  }
}

TEST_CASE("different bytes give different digests, in lowercase hex") {
  const std::string a = store::sha256_hex("message one");
  const std::string b = store::sha256_hex("message one ");
  CHECK(a != b);
  CHECK(a.size() == 64);
  CHECK(a.find_first_not_of("0123456789abcdef") == std::string::npos);
}
