#include "daemon/triage_view.hpp"

#include "daemon/cli_output.hpp"
#include "daemon/text_table.hpp"
#include "parsers/date_time.hpp"
#include "responders/header_encoding.hpp"
#include "store/message_repository.hpp"

namespace appeald::daemon {

namespace {

using Json = nlohmann::ordered_json;

bool continuation_byte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

} // namespace

std::string clip_text(std::string_view text, std::size_t max) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (continuation_byte(text[i])) {
      continue;
    }
    if (chars == max) {
      return std::string(text.substr(0, i)) + "...";
    }
    ++chars;
  }
  return std::string(text);
}

std::vector<TriageRow> triage_rows(store::Database& db, std::optional<store::TriageState> state,
                                   const parsers::ParseOptions& parse) {
  std::vector<TriageRow> rows;
  for (store::TriageItem& item : store::list_triage(db, state)) {
    TriageRow row;
    if (const auto raw = store::raw_bytes(db, item.message.id)) {
      const parsers::Message m = parsers::parse_message(*raw, parse);
      row.from = m.from.address;
      row.subject = m.subject;
    }
    row.item = std::move(item);
    rows.push_back(std::move(row));
  }
  return rows;
}

nlohmann::ordered_json triage_row_json(const TriageRow& row) {
  const store::StoredMessage& m = row.item.message;
  const auto& d = row.item.decision;
  Json j;
  j["id"] = m.id;
  j["message_id"] = text_or_null(m.message_id);
  j["received_at"] = utc_time(m.received_at);
  j["from"] = row.from;
  j["subject"] = row.subject;
  j["case"] = text_or_null(d && !d->case_id.empty() ? d->case_id : m.case_id);
  j["reason"] = m.reason;
  j["state"] = store::to_string(row.item.state);
  j["action"] = m.action;
  j["folder"] = m.folder;
  j["truncated"] = m.truncated;
  j["decided_by"] = d ? Json(d->decided_by) : Json(nullptr);
  j["decided_at"] = d ? Json(utc_time(d->decided_at)) : Json(nullptr);
  j["decision_reason"] = d ? Json(d->reason) : Json(nullptr);
  return j;
}

void print_triage_table(const std::vector<TriageRow>& rows, StateColumn state, std::ostream& out) {
  const bool with_state = state == StateColumn::shown;
  std::vector<std::vector<std::string>> cells;
  cells.push_back({"ID", "RECEIVED", "FROM", "SUBJECT", "CASE"});
  if (with_state) {
    cells.back().push_back("STATE");
  }
  cells.back().push_back("REASON");
  for (const TriageRow& r : rows) {
    const store::StoredMessage& m = r.item.message;
    const auto& d = r.item.decision;
    std::vector<std::string> line = {
        std::to_string(m.id), utc_time(m.received_at), r.from,
        clip_text(responders::sanitize_header_text(r.subject), triage_subject_width),
        d && !d->case_id.empty() ? d->case_id : m.case_id};
    if (with_state) {
      line.emplace_back(store::to_string(r.item.state));
    }
    line.push_back(responders::sanitize_header_text(m.reason));
    for (std::string& cell : line) {
      if (cell.empty()) {
        cell.assign(1, '-'); // not `= "-"`: g++ 12 -O2 warns falsely (-Wrestrict) on that
      }
    }
    cells.push_back(std::move(line));
  }
  print_aligned(cells, out);
}

} // namespace appeald::daemon
