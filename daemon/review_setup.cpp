#include "daemon/review_setup.hpp"

#include "config/templates_loader.hpp"
#include "parsers/address_list.hpp"

namespace appeald::daemon {

std::expected<ReviewSetup, std::string> load_review_setup(const std::filesystem::path& config_path,
                                                          ReviewNeeds needs) {
  auto loaded = config::load_config(config_path);
  if (!loaded) {
    return std::unexpected(loaded.error());
  }
  ReviewSetup s;
  s.config = std::move(*loaded);
  s.parse.limits = s.config.limits;
  s.parse.authserv_id = s.config.authserv_id;
  parsers::Warnings ignored;
  s.reply.from = parsers::parse_first_mailbox(s.config.from_address, ignored);
  if (!s.reply.from.address.empty()) {
    s.parse.machine_mail.own_addresses.push_back(s.reply.from.address);
  }
  s.parse.machine_mail.loop_header = s.reply.loop_header;

  if (needs == ReviewNeeds::deciding) {
    if (s.reply.from.address.empty()) {
      return std::unexpected(config_path.string() + ": smtp.from has no email address");
    }
    auto templates = config::load_templates(s.config.templates_path.empty()
                                                ? config::default_templates_dir()
                                                : std::filesystem::path(s.config.templates_path));
    if (!templates) {
      return std::unexpected(templates.error());
    }
    s.templates = std::move(*templates);
  }
  auto db = store::Database::open(s.config.store_path);
  if (!db) {
    return std::unexpected(db.error());
  }
  s.db.emplace(std::move(*db));
  return s;
}

} // namespace appeald::daemon
