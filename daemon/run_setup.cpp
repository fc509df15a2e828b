#include "daemon/run_setup.hpp"

#include "config/rubric_loader.hpp"
#include "config/secrets.hpp"
#include "config/templates_loader.hpp"
#include "daemon/url_policy.hpp"

namespace appeald::daemon {

std::expected<std::shared_ptr<const RunSetup>, std::string>
load_run_setup(const std::filesystem::path& config_path) {
  auto loaded = config::load_config(config_path);
  if (!loaded) {
    return std::unexpected(loaded.error());
  }
  auto s = std::make_shared<RunSetup>();
  s->config = std::move(*loaded);
  const config::AppConfig& c = s->config;
  if (auto ok = config::validate_for_run(c); !ok) {
    return std::unexpected(ok.error());
  }
  const std::string file = config_path.string();
  if (auto why = check_url(c.imap.url, Protocol::imap, c.imap.allow_plaintext); !why.empty()) {
    return std::unexpected(file + ": imap.url: " + why);
  }
  if (auto why = check_url(c.smtp.url, Protocol::smtp, c.smtp.allow_plaintext); !why.empty()) {
    return std::unexpected(file + ": smtp.url: " + why);
  }

  s->parse.limits = c.limits;
  s->parse.authserv_id = c.authserv_id;
  parsers::Warnings ignored;
  s->reply.from = parsers::parse_first_mailbox(c.from_address, ignored);
  if (s->reply.from.address.empty()) {
    return std::unexpected(file + ": smtp.from has no usable address: \"" + c.from_address + "\"");
  }
  s->parse.machine_mail.own_addresses.push_back(s->reply.from.address);
  s->parse.machine_mail.loop_header = s->reply.loop_header;

  auto rubric = config::load_rubric(c.rubric_path.empty() ? config::default_rubric_path()
                                                          : std::filesystem::path(c.rubric_path));
  if (!rubric) {
    return std::unexpected(rubric.error());
  }
  s->rubric = std::move(*rubric);
  auto templates =
      config::load_templates(c.templates_path.empty() ? config::default_templates_dir()
                                                      : std::filesystem::path(c.templates_path));
  if (!templates) {
    return std::unexpected(templates.error());
  }
  s->templates = std::move(*templates);

  auto imap_password = config::load_secret("imap", c.imap.password_file, s->warnings);
  if (!imap_password) {
    return std::unexpected(imap_password.error());
  }
  s->imap_password = std::move(*imap_password);
  auto smtp_password = config::load_secret("smtp", c.smtp.password_file, s->warnings);
  if (!smtp_password) {
    return std::unexpected(smtp_password.error());
  }
  s->smtp_password = std::move(*smtp_password);
  if (config::notice_key_configured(c.notice_key_file)) {
    auto key = config::load_notice_key(c.notice_key_file);
    if (!key) {
      return std::unexpected(key.error());
    }
    s->notice_key = std::move(*key);
  }
  return std::shared_ptr<const RunSetup>(std::move(s));
}

} // namespace appeald::daemon
