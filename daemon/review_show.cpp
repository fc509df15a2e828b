#include "daemon/review_show.hpp"

#include "daemon/cli_output.hpp"
#include "store/assessment_codec.hpp"
#include "store/review_repository.hpp"

#include <algorithm>
#include <tuple>

namespace appeald::daemon {

namespace {

using Json = nlohmann::ordered_json;

std::string_view case_state(const store::CaseSummary& s) {
  return s.closed_at ? "closed" : "open";
}

// The case's mail in the outbox. Every mail appeald queues for a case joins the case's thread
// (notice, replies, decisions), so the thread ids find them all.
std::vector<store::OutboxEntry> outbox_of_case(store::Database& db, std::string_view case_id) {
  std::vector<store::OutboxEntry> out;
  for (const auto& [owner, message_id] : store::load_thread_ids(db)) {
    if (owner != case_id) {
      continue;
    }
    if (auto e = store::find_outbox(db, message_id); e && e->case_id == case_id) {
      out.push_back(std::move(*e));
    }
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tie(a.created_at, a.id) < std::tie(b.created_at, b.id);
  });
  return out;
}

Json case_json(const store::CaseSummary& s) {
  const appeals::CaseRecord& c = s.record;
  Json j;
  j["case"] = c.id;
  j["account"] = c.account;
  j["address"] = c.address;
  j["kind"] = appeals::to_string(c.kind);
  j["issue"] = appeals::to_string(c.issue);
  j["notice_message_id"] = c.notice_message_id;
  j["sent_at"] = parsers::to_rfc3339(c.sent_at);
  j["deadline"] = c.deadline ? Json(parsers::to_rfc3339(*c.deadline)) : Json(nullptr);
  j["representative"] = c.representative ? Json(*c.representative) : Json(nullptr);
  j["state"] = case_state(s);
  j["closed_at"] = optional_time(s.closed_at);
  j["messages"] = s.messages;
  j["auto_replies"] = s.auto_replies;
  return j;
}

Json message_json(const ShownMessage& m) {
  Json j;
  j["received_at"] = utc_time(m.stored.received_at);
  j["message_id"] = m.stored.message_id;
  j["from"] = m.from;
  j["subject"] = m.subject;
  j["date"] = m.date ? Json(parsers::to_rfc3339(*m.date)) : Json(nullptr);
  j["action"] = m.stored.action;
  j["reason"] = m.stored.reason;
  j["folder"] = m.stored.folder;
  j["truncated"] = m.stored.truncated;
  j["new_words"] = m.new_words;
  return j;
}

Json outbox_json(const store::OutboxEntry& e) {
  Json j;
  j["kind"] = e.kind;
  j["state"] = store::to_string(e.state);
  j["message_id"] = e.message_id;
  j["recipients"] = e.recipients;
  j["created_at"] = utc_time(e.created_at);
  j["sent_at"] = optional_time(e.sent_at);
  j["attempts"] = e.attempts;
  j["last_error"] = e.last_error;
  return j;
}

} // namespace

std::expected<ReviewShow, std::string>
load_review_show(ReviewSetup& setup, std::string_view case_id, std::int64_t now) {
  store::Database& db = *setup.db;
  ReviewShow show;
  bool found = false;
  std::vector<store::CaseSummary> all = store::list_cases(db);
  for (const store::CaseSummary& s : all) {
    if (s.record.id == case_id) {
      show.summary = s;
      found = true;
    }
  }
  if (!found) {
    return std::unexpected("no case " + std::string(case_id) + " in the store");
  }
  for (const ReviewRow& row : review_rows(db, std::nullopt, now)) {
    if (row.entry.case_id == case_id) {
      show.review = row;
    }
  }
  for (store::CaseSummary& s : all) {
    if (s.record.account == show.summary.record.account && s.record.id != case_id) {
      const auto entry = store::find_review(db, s.record.id);
      show.other_cases.push_back({std::move(s), entry ? entry->state : ""});
    }
  }
  for (store::StoredMessage& m : store::messages_of_case(db, case_id)) {
    ShownMessage shown;
    if (const auto raw = store::raw_bytes(db, m.id)) {
      const parsers::Message parsed = parsers::parse_message(*raw, setup.parse);
      shown.from = parsed.from.address;
      shown.subject = parsed.subject;
      shown.date = parsed.date;
      shown.new_words = parsed.reply.text;
    }
    shown.stored = std::move(m);
    show.messages.push_back(std::move(shown));
  }
  if (show.review) {
    auto decoded = store::decode_assessment(show.review->entry.assessment_json);
    if (decoded) {
      show.assessment = std::move(*decoded);
    } else {
      show.assessment_error = decoded.error();
    }
  } else {
    auto saved = store::load_assessments(db);
    if (auto a = saved.find(std::string(case_id)); a != saved.end()) {
      show.assessment = std::move(a->second);
    }
  }
  show.outbox = outbox_of_case(db, case_id);
  return show;
}

std::string raw_command(const ReviewShow& show, const std::string& config_path) {
  return "appeald review raw " + show.summary.record.id + " --config " + config_path +
         " [--message MESSAGE-ID] > message.eml";
}

nlohmann::ordered_json review_show_json(const ReviewShow& show, const std::string& config_path) {
  Json j;
  j["case"] = case_json(show.summary);
  j["review"] = show.review ? review_row_json(*show.review) : Json(nullptr);
  Json others = Json::array();
  for (const ReviewShow::OtherCase& o : show.other_cases) {
    Json c;
    c["case"] = o.summary.record.id;
    c["kind"] = appeals::to_string(o.summary.record.kind);
    c["issue"] = appeals::to_string(o.summary.record.issue);
    c["sent_at"] = parsers::to_rfc3339(o.summary.record.sent_at);
    c["state"] = case_state(o.summary);
    c["review_state"] = o.review_state.empty() ? Json(nullptr) : Json(o.review_state);
    others.push_back(std::move(c));
  }
  j["other_cases"] = std::move(others);
  Json messages = Json::array();
  for (const ShownMessage& m : show.messages) {
    messages.push_back(message_json(m));
  }
  j["messages"] = std::move(messages);
  if (show.assessment) {
    j["assessment"] = Json::parse(store::encode_assessment(*show.assessment));
  } else {
    j["assessment"] = nullptr;
  }
  if (!show.assessment_error.empty()) {
    j["assessment_error"] = show.assessment_error;
  }
  Json outbox = Json::array();
  for (const store::OutboxEntry& e : show.outbox) {
    outbox.push_back(outbox_json(e));
  }
  j["outbox"] = std::move(outbox);
  j["raw_command"] = raw_command(show, config_path);
  return j;
}

} // namespace appeald::daemon
