#include "daemon/verdict_json.hpp"

namespace appeald::daemon {

namespace {

nlohmann::json addresses(const std::vector<parsers::Mailbox>& list) {
  nlohmann::json out = nlohmann::json::array();
  for (const parsers::Mailbox& mb : list) {
    out.push_back(mb.address);
  }
  return out;
}

} // namespace

nlohmann::json verdict_to_json(const parsers::Message& m, const appeals::Verdict& v,
                               const std::optional<responders::OutgoingMail>& reply,
                               const std::string& origin) {
  nlohmann::json j;
  j["message_id"] = m.message_id ? nlohmann::json(*m.message_id) : nlohmann::json(nullptr);
  j["from"] = m.from.address.empty() ? nlohmann::json(nullptr) : nlohmann::json(m.from.address);
  j["case"] = v.match.matched ? nlohmann::json(v.match.matched->id) : nlohmann::json(nullptr);
  j["matched_by"] = to_string(v.match.rule);
  j["action"] = to_string(v.decision.action);
  j["missing"] = v.decision.missing;
  j["found"] = v.found.empty() ? nlohmann::json::object() : nlohmann::json(v.found);
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
  nlohmann::json flags = nlohmann::json::array();
  if (v.match.sender_differs) {
    flags.push_back("sender_differs");
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
