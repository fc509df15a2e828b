#include "daemon/review_raw.hpp"

#include "store/case_repository.hpp"
#include "store/message_repository.hpp"

#include <algorithm>

namespace appeald::daemon {

std::expected<std::string, std::string>
case_raw_message(store::Database& db, std::string_view case_id,
                 std::optional<std::string_view> message_id) {
  const std::string id(case_id);
  const auto cases = store::load_cases(db);
  if (std::none_of(cases.begin(), cases.end(), [&](const auto& c) { return c.id == id; })) {
    return std::unexpected("no case " + id + " in the store");
  }
  const std::vector<store::StoredMessage> messages = store::messages_of_case(db, id);
  if (messages.empty()) {
    return std::unexpected("case " + id + " has no stored message");
  }
  const store::StoredMessage* chosen = &messages.back();
  if (message_id) {
    std::string wanted(*message_id);
    if (!wanted.starts_with('<')) {
      wanted = "<" + wanted + ">";
    }
    const auto hit = std::find_if(messages.rbegin(), messages.rend(),
                                  [&](const auto& m) { return m.message_id == wanted; });
    if (hit == messages.rend()) {
      return std::unexpected("case " + id + " has no message " + wanted);
    }
    chosen = &*hit;
  }
  auto raw = store::raw_bytes(db, chosen->id);
  if (!raw) {
    return std::unexpected("case " + id + " has no stored message");
  }
  return std::move(*raw);
}

} // namespace appeald::daemon
