#pragma once
// The cases known to one run, indexed for matching: by id, by account address and by every
// Message-ID of each case's thread (the notice, messages received, replies appeald sent).
#include "appeals/case_record.hpp"
#include "appeals/siphash.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace appeald::appeals {

class CaseBook {
public:
  // An empty book, with a random key for its thread index (see ThreadKey).
  CaseBook();
  // Adds every case in order, as add() does (a repeated id keeps the first).
  explicit CaseBook(std::vector<CaseRecord> cases);

  // Adds a case; its notice id joins its thread. A case id already present replaces nothing and
  // returns false.
  bool add(CaseRecord c);

  const std::vector<CaseRecord>& cases() const { return cases_; }
  // The case with id `case_id` (compared exactly), or nullptr. Pointers stay valid until the
  // next add().
  const CaseRecord* find(std::string_view case_id) const;
  // The case whose thread holds `message_id` ("<...>", compared exactly), or nullptr. When a
  // notice key is set and the id is not in the thread index, an id that verifies as this key's
  // notice id (appeals/notice_id.hpp) names its case, if that case is in the book: appeald sent
  // that notice, whether or not its id was recorded.
  const CaseRecord* by_thread_id(std::string_view message_id) const;
  // True when a notice key is set and `message_id` verifies as its notice id for a case in the
  // book.
  bool is_verified_notice_id(std::string_view message_id) const;

  // The key of the HMAC in notice Message-IDs; "" (the default) verifies nothing.
  void set_notice_key(std::string key);
  // Cases whose address is `address` (lowercased), in the order they were added.
  std::vector<const CaseRecord*> by_address(std::string_view address) const;

  // Records that `message_id` belongs to the thread of `case_id` (a message received in the case,
  // or a reply appeald sent). The first case to claim an id keeps it. Unknown case ids and empty
  // message ids are ignored.
  void add_thread_id(std::string_view case_id, std::string_view message_id);

  // Marks a case closed by a decision as of `when` (UTC seconds); it is no longer open for
  // sender matching at or after that time. Closing twice keeps the earlier time.
  void close(std::string_view case_id, std::int64_t when);
  // Open at `when` (the message's own Date, UTC seconds): the notice was sent before it (the same
  // second counts as before, Date having one-second resolution), no decision closed the case at
  // or before it, and the deadline, if any, is after it.
  bool is_open(const CaseRecord& c, std::int64_t when) const;

private:
  // A thread Message-ID as the index keeps it: its SipHash-2-4-128 tag under a key drawn when
  // the book is made. A run over a large dump records two ids per message (the message's and
  // appeald's reply), so the index keeps 16 bytes instead of the id's ~60. Senders choose ids
  // but cannot see the key, so a collision, chosen or by chance, would take about 2^64 tries,
  // and no one can hijack a thread more cheaply; tags are never stored, so the key need not
  // outlive the process.
  using ThreadKey = SipTag;
  struct ThreadKeyHash {
    std::size_t operator()(const ThreadKey& k) const noexcept { return k[0]; }
  };
  ThreadKey thread_key(std::string_view message_id) const;

  SipKey thread_key_;
  std::vector<CaseRecord> cases_;
  std::unordered_map<std::string, std::size_t> by_id_;
  std::unordered_map<ThreadKey, std::uint32_t, ThreadKeyHash> by_thread_;
  std::unordered_map<std::string, std::vector<std::size_t>> by_address_;
  std::unordered_map<std::string, std::int64_t> closed_at_;
  std::string notice_key_;

  const CaseRecord* by_notice_id(std::string_view message_id) const;
};

} // namespace appeald::appeals
