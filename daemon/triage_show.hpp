#pragma once
// Everything an operator reads before deciding about a triaged message (`appeald triage show ID`):
// its headers, why it was triaged, the sender's new words, its attachments, the cases it might
// belong to, and what was decided. Gathered once, then printed as JSON or text
// (daemon/triage_show_text.hpp).
#include "appeals/case_record.hpp"
#include "daemon/triage_setup.hpp"
#include "parsers/message.hpp"
#include "store/triage_repository.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <vector>

namespace appeald::daemon {

struct TriageShow {
  store::TriageItem item;
  parsers::Message message; // parsed from the stored raw bytes with the config's options
  struct Candidate {
    appeals::CaseRecord record;
    std::optional<std::int64_t> closed_at; // when a decision closed it
    std::vector<std::string> why;          // daemon/triage_candidates.hpp
  };
  std::vector<Candidate> candidates; // in import order
};

// Gathers triage item `id` (any state). Errors: daemon/triage_decision.hpp find_triage_item's,
// "message 7 has no stored raw bytes".
std::expected<TriageShow, std::string> load_triage_show(TriageSetup& setup, std::int64_t id);

// "appeald triage raw 7 --config PATH > message.eml"
std::string triage_raw_command(std::int64_t id, const std::string& config_path);
// "appeald triage assign 7 --case CASE --config PATH"
std::string triage_assign_command(std::int64_t id, const std::string& config_path);

// {"id","state","received_at","folder","truncated","action","case","reason" (why it is in
// triage, or what the assessment said once assigned),"decision" ({"state","case","decided_by",
// "decided_at","reason"} or null),"headers":{"from","to","reply_to","subject","date",
// "message_id","in_reply_to","references","authentication":{"dkim","spf","dmarc",
// "authserv_id"}},"auto" (machine-mail kind or null),"new_words","attachments":[{"filename",
// "content_type","bytes"}],"candidates":[{"case","account","address","issue","kind","state",
// "deadline","matched_by":[...]}],"raw_command","assign_command"}. Times are RFC 3339.
nlohmann::ordered_json triage_show_json(const TriageShow& show, const std::string& config_path);

} // namespace appeald::daemon
