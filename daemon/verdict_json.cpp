#include "daemon/verdict_json.hpp"

namespace appeald::daemon {

namespace {

nlohmann::ordered_json addresses(const std::vector<parsers::Mailbox>& list) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const parsers::Mailbox& mb : list) {
    out.push_back(mb.address);
  }
  return out;
}

} // namespace

nlohmann::ordered_json verdict_to_json(const parsers::Message& m, const appeals::Verdict& v,
                                       const std::optional<responders::OutgoingMail>& reply,
                                       const std::string& origin) {
  nlohmann::ordered_json j;
  j["message_id"] =
      m.message_id ? nlohmann::ordered_json(*m.message_id) : nlohmann::ordered_json(nullptr);
  j["from"] = m.from.address.empty() ? nlohmann::ordered_json(nullptr)
                                     : nlohmann::ordered_json(m.from.address);
  j["case"] = v.match.matched ? nlohmann::ordered_json(v.match.matched->id)
                              : nlohmann::ordered_json(nullptr);
  j["matched_by"] = to_string(v.match.rule);
  j["action"] = to_string(v.decision.action);
  j["missing"] = v.decision.missing;
  j["found"] = v.found.empty() ? nlohmann::ordered_json::object() : nlohmann::ordered_json(v.found);
  j["reason"] = v.decision.reason;
  if (reply) {
    j["reply"] = {{"to", addresses(reply->to)},
                  {"cc", addresses(reply->cc)},
                  {"subject", reply->subject},
                  {"message_id", reply->message_id},
                  {"body", reply->body}};
  } else {
    j["reply"] = nullptr;
  }
  j["origin"] = origin;
  j["planned"] = v.planned;
  nlohmann::ordered_json flags = nlohmann::ordered_json::array();
  if (v.match.sender_differs) {
    flags.push_back("sender_differs");
  }
  if (v.match.sender_unauthenticated) {
    flags.push_back("sender_unauthenticated");
  }
  if (m.truncated) {
    flags.push_back("truncated");
  }
  if (!m.warnings.empty()) {
    flags.push_back("parse_warnings");
  }
  j["flags"] = flags;
  return j;
}

} // namespace appeald::daemon
