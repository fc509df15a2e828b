#include "daemon/message_json.hpp"

namespace appeald::daemon {

namespace {

nlohmann::ordered_json optional_string(const std::optional<std::string>& s) {
  return s ? nlohmann::ordered_json(*s) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json mailboxes(const std::vector<parsers::Mailbox>& list) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const parsers::Mailbox& mb : list) {
    out.push_back(mailbox_to_json(mb));
  }
  return out;
}

std::string or_none(const std::string& result) {
  return result.empty() ? "none" : result;
}

} // namespace

nlohmann::ordered_json mailbox_to_json(const parsers::Mailbox& mb) {
  return {{"name", mb.name}, {"address", mb.address}};
}

nlohmann::ordered_json message_to_json(const parsers::Message& m) {
  nlohmann::ordered_json j;
  j["message_id"] = optional_string(m.message_id);
  j["in_reply_to"] = m.in_reply_to;
  j["references"] = m.references;
  j["from"] = mailbox_to_json(m.from);
  j["subject"] = m.subject;
  j["date"] = m.date ? nlohmann::ordered_json(parsers::to_rfc3339(*m.date))
                     : nlohmann::ordered_json(nullptr);
  j["auto"] = m.auto_kind == parsers::AutoKind::none
                  ? nlohmann::ordered_json(nullptr)
                  : nlohmann::ordered_json(to_string(m.auto_kind));
  j["auth"] = {{"dkim", or_none(m.auth.dkim)},
               {"spf", or_none(m.auth.spf)},
               {"dmarc", or_none(m.auth.dmarc)}};
  nlohmann::ordered_json attachments = nlohmann::ordered_json::array();
  for (const parsers::Attachment& a : m.attachments) {
    attachments.push_back(
        {{"filename", a.filename}, {"content_type", a.content_type}, {"bytes", a.bytes}});
  }
  j["attachments"] = attachments;
  j["text"] = m.text;
  j["reply_text"] = m.reply.text;

  j["to"] = mailboxes(m.to);
  j["cc"] = mailboxes(m.cc);
  j["reply_to"] = mailboxes(m.reply_to);
  nlohmann::ordered_json blocks = nlohmann::ordered_json::array();
  for (const parsers::ReplyBlock& b : m.reply.blocks) {
    blocks.push_back({{"context", b.context}, {"text", b.text}});
  }
  j["reply_blocks"] = blocks;
  nlohmann::ordered_json embedded = nlohmann::ordered_json::array();
  for (const parsers::EmbeddedMessage& e : m.embedded) {
    embedded.push_back({{"message_id", optional_string(e.message_id)},
                        {"from", mailbox_to_json(e.from)},
                        {"subject", e.subject},
                        {"text", e.text}});
  }
  j["embedded"] = embedded;
  j["warnings"] = m.warnings.entries();
  j["truncated"] = m.truncated;
  return j;
}

std::string dump_json(const nlohmann::ordered_json& j, int indent) {
  return j.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

} // namespace appeald::daemon
