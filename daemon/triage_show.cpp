#include "daemon/triage_show.hpp"

#include "daemon/cli_output.hpp"
#include "daemon/message_json.hpp"
#include "daemon/triage_candidates.hpp"
#include "daemon/triage_decision.hpp"
#include "parsers/message_parser.hpp"
#include "store/case_repository.hpp"
#include "store/message_repository.hpp"

#include <map>

namespace appeald::daemon {

namespace {

using Json = nlohmann::ordered_json;

Json mailboxes_json(const std::vector<parsers::Mailbox>& list) {
  Json out = Json::array();
  for (const parsers::Mailbox& mb : list) {
    out.push_back(mailbox_to_json(mb));
  }
  return out;
}

Json headers_json(const parsers::Message& m) {
  Json h;
  h["from"] = mailbox_to_json(m.from);
  h["to"] = mailboxes_json(m.to);
  h["reply_to"] = mailboxes_json(m.reply_to);
  h["subject"] = m.subject;
  h["date"] = m.date ? Json(parsers::to_rfc3339(*m.date)) : Json(nullptr);
  h["message_id"] = m.message_id ? Json(*m.message_id) : Json(nullptr);
  h["in_reply_to"] = m.in_reply_to;
  h["references"] = m.references;
  auto result = [](const std::string& r) { return r.empty() ? std::string("none") : r; };
  h["authentication"] = {{"dkim", result(m.auth.dkim)},
                         {"spf", result(m.auth.spf)},
                         {"dmarc", result(m.auth.dmarc)},
                         {"authserv_id", text_or_null(m.auth.authserv_id)}};
  return h;
}

Json candidate_json(const TriageShow::Candidate& c) {
  const appeals::CaseRecord& r = c.record;
  Json j;
  j["case"] = r.id;
  j["account"] = r.account;
  j["address"] = r.address;
  j["issue"] = appeals::to_string(r.issue);
  j["kind"] = appeals::to_string(r.kind);
  j["state"] = c.closed_at ? "closed" : "open";
  j["deadline"] = r.deadline ? Json(parsers::to_rfc3339(*r.deadline)) : Json(nullptr);
  j["matched_by"] = c.why;
  return j;
}

} // namespace

std::expected<TriageShow, std::string> load_triage_show(TriageSetup& setup, std::int64_t id) {
  auto item = find_triage_item(setup.db, id);
  if (!item) {
    return std::unexpected(item.error());
  }
  const auto raw = store::raw_bytes(setup.db, id);
  if (!raw) {
    return std::unexpected("message " + std::to_string(id) + " has no stored raw bytes");
  }
  TriageShow show;
  show.item = std::move(*item);
  show.message = parsers::parse_message(*raw, setup.run.parse);

  appeals::CaseBook book(store::load_cases(setup.db));
  for (const auto& [case_id, message_id] : store::load_thread_ids(setup.db)) {
    book.add_thread_id(case_id, message_id);
  }
  std::map<std::string, std::int64_t> closures;
  for (const auto& [case_id, when] : store::load_closures(setup.db)) {
    closures.emplace(case_id, when);
  }
  for (CandidateCase& c : candidate_cases(show.message, book)) {
    TriageShow::Candidate out;
    out.record = *c.record;
    if (const auto closed = closures.find(c.record->id); closed != closures.end()) {
      out.closed_at = closed->second;
    }
    out.why = std::move(c.why);
    show.candidates.push_back(std::move(out));
  }
  return show;
}

std::string triage_raw_command(std::int64_t id, const std::string& config_path) {
  return "appeald triage raw " + std::to_string(id) + " --config " + config_path + " > message.eml";
}

std::string triage_assign_command(std::int64_t id, const std::string& config_path) {
  return "appeald triage assign " + std::to_string(id) + " --case CASE --config " + config_path;
}

nlohmann::ordered_json triage_show_json(const TriageShow& show, const std::string& config_path) {
  const store::StoredMessage& s = show.item.message;
  const parsers::Message& m = show.message;
  Json j;
  j["id"] = s.id;
  j["state"] = store::to_string(show.item.state);
  j["received_at"] = utc_time(s.received_at);
  j["folder"] = s.folder;
  j["truncated"] = s.truncated;
  j["action"] = s.action;
  j["case"] = text_or_null(s.case_id);
  j["reason"] = s.reason;
  if (const auto& d = show.item.decision) {
    j["decision"] = {{"state", store::to_string(d->state)},
                     {"case", text_or_null(d->case_id)},
                     {"decided_by", d->decided_by},
                     {"decided_at", utc_time(d->decided_at)},
                     {"reason", d->reason}};
  } else {
    j["decision"] = nullptr;
  }
  j["headers"] = headers_json(m);
  j["auto"] = text_or_null(std::string(parsers::to_string(m.auto_kind)));
  j["new_words"] = m.reply.text;
  Json attachments = Json::array();
  for (const parsers::Attachment& a : m.attachments) {
    attachments.push_back(
        {{"filename", a.filename}, {"content_type", a.content_type}, {"bytes", a.bytes}});
  }
  j["attachments"] = std::move(attachments);
  Json candidates = Json::array();
  for (const TriageShow::Candidate& c : show.candidates) {
    candidates.push_back(candidate_json(c));
  }
  j["candidates"] = std::move(candidates);
  j["raw_command"] = triage_raw_command(s.id, config_path);
  j["assign_command"] = triage_assign_command(s.id, config_path);
  return j;
}

} // namespace appeald::daemon
