// Notice Message-IDs: HMAC-SHA256 matches RFC 4231, a notice id round-trips to its case and
// nothing else verifies (another case, MAC, key or shape), case ids are safe in a Message-ID
// and a Subject, and a CaseBook with the key threads on its own notice ids only.
#include "appeals/case_book.hpp"
#include "appeals/notice_id.hpp"
#include "appeals/sha256.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>

using namespace appeald;

namespace {

constexpr std::string_view key = "0123456789abcdef-notice-key";

std::string hex(const std::array<std::uint8_t, 32>& bytes, std::size_t n = 32) {
  static constexpr std::string_view digits = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    out += digits[bytes[i] >> 4];
    out += digits[bytes[i] & 0x0f];
  }
  return out;
}

} // namespace

TEST_CASE("hmac_sha256 gives the RFC 4231 test vectors") {
  std::string key4;
  for (int i = 1; i <= 25; ++i) {
    key4 += static_cast<char>(i);
  }
  struct Row {
    std::string what;
    std::string key;
    std::string data;
    std::string expected; // hex; test case 5 is truncated to 128 bits
  };
  const Row rows[] = {
      {"1: short key", std::string(20, '\x0b'), "Hi There",
       "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
      {"2: key shorter than the output", "Jefe", "what do ya want for nothing?",
       "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
      {"3: combined key and data of 0xaa/0xdd", std::string(20, '\xaa'), std::string(50, '\xdd'),
       "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"},
      {"4: key 0x01..0x19", key4, std::string(50, '\xcd'),
       "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"},
      {"5: truncation to 128 bits", std::string(20, '\x0c'), "Test With Truncation",
       "a3b6167473100ee06e0c796c2955552b"},
      {"6: key larger than a block", std::string(131, '\xaa'),
       "Test Using Larger Than Block-Size Key - Hash Key First",
       "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"},
      {"7: key and data larger than a block", std::string(131, '\xaa'),
       "This is a test using a larger than block-size key and a larger than block-size data. The "
       "key needs to be hashed before being used by the HMAC algorithm.",
       "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    CHECK(hex(appeals::hmac_sha256(row.key, row.data), row.expected.size() / 2) == row.expected);
  }
  // A key of exactly one block is used as is, not hashed: it differs from its hash as key.
  const std::string block_key(64, 'k');
  appeals::Sha256 h;
  h.update(block_key);
  const auto hashed = h.finish();
  CHECK(appeals::hmac_sha256(block_key, "x") !=
        appeals::hmac_sha256(std::string(reinterpret_cast<const char*>(hashed.data()), 32), "x"));
}

TEST_CASE("a notice id carries the case and the first 20 bytes of its HMAC") {
  const std::string id = appeals::notice_message_id("C-1001", key, "enforcement.example");
  // HMAC-SHA256(key, "appeald-notice\0C-1001"), computed independently.
  CHECK(id == "<notice.C-1001.7c29e00b03aa56dc247746892753e8a42e67e52b@enforcement.example>");
  CHECK(appeals::notice_message_id("C-1001", key, "enforcement.example") == id);
  CHECK(appeals::notice_message_id("C-1002", key, "enforcement.example") != id);
  CHECK(appeals::notice_message_id("C-1001", "another-key-of-16+", "enforcement.example") != id);
}

TEST_CASE("only an id this key made for that case verifies") {
  const std::string id = appeals::notice_message_id("C-1001", key, "enforcement.example");
  const std::string dotted = appeals::notice_message_id("acme.2026_11-3", key, "x.example");
  std::string flipped_mac = id;
  flipped_mac[flipped_mac.find('@') - 1] =
      flipped_mac[flipped_mac.find('@') - 1] == '0' ? '1' : '0';
  std::string other_case = id;
  other_case.replace(other_case.find("C-1001"), 6, "C-1002");
  const std::string mac = id.substr(id.find("C-1001.") + 7, 40);
  struct Row {
    std::string what;
    std::string message_id;
    std::string key;
    std::optional<std::string> expected;
  };
  const Row rows[] = {
      {"round trip", id, std::string(key), "C-1001"},
      {"a case id with dots and underscores", dotted, std::string(key), "acme.2026_11-3"},
      {"any domain: the MAC is over the case id", "<notice.C-1001." + mac + "@other.example>",
       std::string(key), "C-1001"},
      {"another case id, same MAC", other_case, std::string(key), std::nullopt},
      {"a changed MAC digit", flipped_mac, std::string(key), std::nullopt},
      {"another key", id, "a-different-notice-key", std::nullopt},
      {"no key verifies nothing", id, "", std::nullopt},
      {"uppercase MAC", "<notice.C-1001." + std::string(40, 'A') + "@x>", std::string(key),
       std::nullopt},
      {"short MAC", "<notice.C-1001." + mac.substr(0, 39) + "@x>", std::string(key), std::nullopt},
      {"long MAC", "<notice.C-1001." + mac + "0@x>", std::string(key), std::nullopt},
      {"no brackets", id.substr(1, id.size() - 2), std::string(key), std::nullopt},
      {"no domain", "<notice.C-1001." + mac + "@>", std::string(key), std::nullopt},
      {"no @", "<notice.C-1001." + mac + ">", std::string(key), std::nullopt},
      {"another prefix", "<n.C-1001." + mac + "@x>", std::string(key), std::nullopt},
      {"no case id", "<notice.." + mac + "@x>", std::string(key), std::nullopt},
      {"a case id with a space", "<notice.C 1." + mac + "@x>", std::string(key), std::nullopt},
      {"empty", "", std::string(key), std::nullopt},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    CHECK(appeals::verify_notice_message_id(row.message_id, row.key) == row.expected);
  }
}

TEST_CASE("valid_case_id accepts what is safe in a Message-ID and a Subject") {
  struct Row {
    std::string what;
    std::string id;
    bool valid;
  };
  const Row rows[] = {
      {"the contract's form", "C-1001", true},
      {"letters, digits, dot, underscore, hyphen", "acme.Q4_2026-x", true},
      {"one character", "7", true},
      {"64 characters", std::string(64, 'a'), true},
      {"65 characters", std::string(65, 'a'), false},
      {"empty", "", false},
      {"a leading dot", ".C-1", false},
      {"a trailing dot is fine", "C-1.", true},
      {"a space", "C 1", false},
      {"brackets", "[C-1]", false},
      {"an @", "C@1", false},
      {"a slash", "C/1", false},
      {"CR LF", "C-1\r\nBcc: x", false},
      {"non-ASCII", "C-\xc3\xa9", false},
      {"angle bracket", "C-1>", false},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    CHECK(appeals::valid_case_id(row.id) == row.valid);
  }
}

TEST_CASE("a case book with the notice key threads on its verified notice ids") {
  appeals::CaseRecord c;
  c.id = "C-7";
  c.address = "ops@a.example";
  c.notice_message_id = "<stored-7@enforcement.example>";
  appeals::CaseRecord d = c;
  d.id = "C-8";
  d.notice_message_id = "";
  appeals::CaseBook book({c, d});
  const std::string id7 = appeals::notice_message_id("C-7", key, "enforcement.example");
  const std::string id8 = appeals::notice_message_id("C-8", key, "enforcement.example");
  const std::string id9 = appeals::notice_message_id("C-9", key, "enforcement.example");

  SUBCASE("without a key only the thread index counts") {
    CHECK(book.by_thread_id(id7) == nullptr);
    CHECK_FALSE(book.is_verified_notice_id(id7));
    REQUIRE(book.by_thread_id(c.notice_message_id) != nullptr);
    CHECK(book.by_thread_id(c.notice_message_id)->id == "C-7");
  }
  SUBCASE("with the key") {
    book.set_notice_key(std::string(key));
    struct Row {
      std::string what;
      std::string message_id;
      std::string expected_case; // "" = none
      bool verified;
    };
    const Row rows[] = {
        {"the stored id still matches", c.notice_message_id, "C-7", false},
        {"a verified id of a case in the book", id7, "C-7", true},
        {"a verified id of a case without a stored notice id", id8, "C-8", true},
        {"a verified id of a case not in the book", id9, "", false},
        {"another key's id", appeals::notice_message_id("C-7", "some-other-key-16b", "x"), "",
         false},
        {"an unknown id", "<nothing@x>", "", false},
    };
    for (const Row& row : rows) {
      CAPTURE(row.what);
      const appeals::CaseRecord* found = book.by_thread_id(row.message_id);
      CHECK((found == nullptr ? std::string() : found->id) == row.expected_case);
      CHECK(book.is_verified_notice_id(row.message_id) == row.verified);
    }
    // The thread index is looked at first.
    book.add_thread_id("C-8", id7);
    CHECK(book.by_thread_id(id7)->id == "C-8");
  }
}
