#include "responders/templates.hpp"

namespace appeald::responders {

const TemplateSchema& reply_template_schema() {
  static const TemplateSchema schema{
      {"case", "account", "address", "kind", "issue", "deadline", "team", "has_missing",
       "has_planned"},
      {{"missing", {"id", "title", "heading", "request"}}, {"planned", {"."}}},
  };
  return schema;
}

} // namespace appeald::responders
