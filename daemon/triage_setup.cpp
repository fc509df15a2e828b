#include "daemon/triage_setup.hpp"

#include "config/rubric_loader.hpp"

namespace appeald::daemon {

std::expected<TriageSetup, std::string> load_triage_setup(const std::filesystem::path& config_path,
                                                          TriageNeeds needs) {
  auto review = load_review_setup(
      config_path, needs == TriageNeeds::assigning ? ReviewNeeds::deciding : ReviewNeeds::reading);
  if (!review) {
    return std::unexpected(review.error());
  }
  RunSetup run;
  run.config = std::move(review->config);
  run.parse = std::move(review->parse);
  run.reply = std::move(review->reply);
  run.templates = std::move(review->templates);
  if (needs == TriageNeeds::assigning) {
    const std::string& path = run.config.rubric_path;
    auto rubric = config::load_rubric(path.empty() ? config::default_rubric_path()
                                                   : std::filesystem::path(path));
    if (!rubric) {
      return std::unexpected(rubric.error());
    }
    run.rubric = std::move(*rubric);
  }
  std::string shown = run.config.source.empty() ? config_path.string() : run.config.source.string();
  return TriageSetup{std::move(run), std::move(*review->db), std::move(shown)};
}

} // namespace appeald::daemon
