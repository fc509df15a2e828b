#pragma once
// Every message taken from the watched mailbox, with its raw bytes as fetched, so nothing appeald
// has taken can be lost or judged twice. No transactions opened here (store/database.hpp); throws
// SQLite::Exception when SQLite fails.
#include "store/database.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace appeald::store {

struct StoredMessage {
  std::int64_t id = 0;
  std::string message_id;        // "<...>" or "" when the message had none
  std::string sha256;            // of the raw bytes as fetched
  std::uint32_t uidvalidity = 0; // where it was last seen in the watched mailbox
  std::uint32_t uid = 0;
  std::int64_t received_at = 0; // when appeald took it (UTC seconds)
  std::string case_id;          // "" when unmatched
  std::string action;           // contract action
  std::string reason;
  std::string folder;       // where it must end up (processed/review/triage folder name)
  std::string verdict_json; // the dry-run style verdict object, for operators
  bool moved = false;       // true once it left the watched mailbox
  bool truncated = false;
};

// Inserts `m` (its id ignored) with `raw` bytes, kept byte for byte; returns the new id. Ids
// grow with each insert, so a higher id is a later message.
std::int64_t insert_message(Database& db, const StoredMessage& m, std::string_view raw);

// The oldest message already taken with the same content hash, or the same Message-ID when
// `message_id` is not empty. An empty Message-ID (or hash) never matches anything.
std::optional<StoredMessage> find_duplicate(Database& db, std::string_view message_id,
                                            std::string_view sha256);

// The latest message last seen at (uidvalidity, uid) of the watched mailbox.
std::optional<StoredMessage> find_by_location(Database& db, std::uint32_t uidvalidity,
                                              std::uint32_t uid);
// Records where the message is now (after a UIDVALIDITY change, or when seen again).
void update_location(Database& db, std::int64_t id, std::uint32_t uidvalidity, std::uint32_t uid);
// Records that the message has left the watched mailbox.
void mark_moved(Database& db, std::int64_t id);

// Message `id` (without its raw bytes), nullopt when there is no such message.
std::optional<StoredMessage> find_message(Database& db, std::int64_t id);

// Replaces the judgement of message `id` after it was judged again (an operator assigned a
// triaged message to a case): its case, action, reason and verdict. Where it is (folder, location,
// moved) does not change. Nothing happens when there is no such message.
void update_judgement(Database& db, std::int64_t id, std::string_view case_id,
                      std::string_view action, std::string_view reason,
                      std::string_view verdict_json);

// The raw bytes of message `id`, nullopt when there is no such message.
std::optional<std::string> raw_bytes(Database& db, std::int64_t id);
// The messages of a case, oldest first (without their raw bytes).
std::vector<StoredMessage> messages_of_case(Database& db, std::string_view case_id);
std::int64_t count_messages(Database& db);

} // namespace appeald::store
