#include "store/assessment_codec.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <limits>

namespace appeald::store {

namespace {

using Json = nlohmann::ordered_json;

std::expected<std::vector<std::string>, std::string> string_list(const Json& value,
                                                                 std::string_view what) {
  if (!value.is_array()) {
    return std::unexpected("invalid assessment JSON: \"" + std::string(what) +
                           "\" is not an array");
  }
  std::vector<std::string> out;
  for (const Json& item : value) {
    if (!item.is_string()) {
      return std::unexpected("invalid assessment JSON: \"" + std::string(what) +
                             "\" holds a non-string");
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

} // namespace

std::string encode_assessment(const appeals::CaseAssessment& a) {
  Json found = Json::object();
  for (const auto& [element, sentences] : a.found) {
    found[element] = sentences;
  }
  Json j = Json::object();
  j["found"] = std::move(found);
  j["planned"] = a.planned;
  j["said_no_changes"] = a.said_no_changes;
  j["messages"] = a.messages;
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::expected<appeals::CaseAssessment, std::string> decode_assessment(std::string_view json) {
  const Json j = Json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    return std::unexpected("invalid assessment JSON: not JSON");
  }
  if (!j.is_object()) {
    return std::unexpected("invalid assessment JSON: not an object");
  }
  appeals::CaseAssessment a;
  if (auto it = j.find("found"); it != j.end()) {
    if (!it->is_object()) {
      return std::unexpected("invalid assessment JSON: \"found\" is not an object");
    }
    for (const auto& [element, sentences] : it->items()) {
      auto list = string_list(sentences, element);
      if (!list) {
        return std::unexpected(list.error());
      }
      a.found[element] = std::move(*list);
    }
  }
  if (auto it = j.find("planned"); it != j.end()) {
    auto list = string_list(*it, "planned");
    if (!list) {
      return std::unexpected(list.error());
    }
    a.planned = std::move(*list);
  }
  if (auto it = j.find("said_no_changes"); it != j.end()) {
    if (!it->is_boolean()) {
      return std::unexpected("invalid assessment JSON: \"said_no_changes\" is not a boolean");
    }
    a.said_no_changes = it->get<bool>();
  }
  if (auto it = j.find("messages"); it != j.end()) {
    if (!it->is_number_integer() || it->get<std::int64_t>() < 0 ||
        it->get<std::int64_t>() > std::numeric_limits<int>::max()) {
      return std::unexpected("invalid assessment JSON: \"messages\" is not a count");
    }
    a.messages = it->get<int>();
  }
  return a;
}

} // namespace appeald::store
