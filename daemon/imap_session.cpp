#include "daemon/imap_session.hpp"

#include "daemon/imap_mailbox_name.hpp"

#include <algorithm>
#include <cctype>

namespace appeald::daemon::imap {

namespace {

constexpr std::size_t kMaxShownCommand = 80;

ImapError::Kind kind_of(CURLcode code) {
  switch (code) {
  case CURLE_COULDNT_RESOLVE_HOST:
  case CURLE_COULDNT_RESOLVE_PROXY:
  case CURLE_COULDNT_CONNECT:
  case CURLE_OPERATION_TIMEDOUT:
  case CURLE_SEND_ERROR:
  case CURLE_RECV_ERROR:
  case CURLE_GOT_NOTHING:
    return ImapError::Kind::connection;
  case CURLE_LOGIN_DENIED:
    return ImapError::Kind::auth;
  case CURLE_PEER_FAILED_VERIFICATION:
  case CURLE_SSL_CONNECT_ERROR:
  case CURLE_SSL_CERTPROBLEM:
  case CURLE_SSL_CIPHER:
  case CURLE_SSL_CACERT_BADFILE:
  case CURLE_SSL_ISSUER_ERROR:
  case CURLE_SSL_CRL_BADFILE:
  case CURLE_SSL_ENGINE_NOTFOUND:
  case CURLE_SSL_ENGINE_SETFAILED:
  case CURLE_SSL_ENGINE_INITFAILED:
  case CURLE_SSL_SHUTDOWN_FAILED:
  case CURLE_SSL_INVALIDCERTSTATUS:
  case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
  case CURLE_SSL_CLIENTCERT:
  case CURLE_USE_SSL_FAILED:
    return ImapError::Kind::tls;
  case CURLE_REMOTE_FILE_NOT_FOUND:
    return ImapError::Kind::gone;
  default:
    return ImapError::Kind::protocol;
  }
}

// A dead kept-alive connection shows as one of these on the first command sent over it.
bool dead_connection(CURLcode code) {
  return code == CURLE_SEND_ERROR || code == CURLE_RECV_ERROR || code == CURLE_GOT_NOTHING;
}

std::optional<std::string> percent_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    if (i + 2 >= s.size() || !std::isxdigit(static_cast<unsigned char>(s[i + 1])) ||
        !std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      return std::nullopt;
    }
    out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
    i += 2;
  }
  return out;
}

std::string shown(std::string_view command) {
  return std::string(command.substr(0, kMaxShownCommand)) +
         (command.size() > kMaxShownCommand ? "..." : "");
}

} // namespace

Session::Session(ImapSettings settings) : settings_(std::move(settings)) {
  const std::string& url = settings_.url;
  const auto sep = url.find("://");
  std::string scheme = sep == std::string::npos ? "" : url.substr(0, sep);
  std::ranges::transform(scheme, scheme.begin(), [](unsigned char c) { return std::tolower(c); });
  if (scheme != "imap" && scheme != "imaps") {
    config_error_ = "IMAP URL must start with imaps:// or imap://";
    return;
  }
  const std::string rest = url.substr(sep + 3);
  const auto slash = rest.find('/');
  const std::string authority = rest.substr(0, slash);
  std::string path = slash == std::string::npos ? "" : rest.substr(slash + 1);
  display_ =
      authority.substr(authority.rfind('@') == std::string::npos ? 0 : authority.rfind('@') + 1);
  if (display_.empty()) {
    config_error_ = "IMAP URL has no host";
    return;
  }
  root_url_ = scheme + "://" + authority + "/";
  while (path.ends_with('/')) {
    path.pop_back();
  }
  if (path.find_first_of(";?#") != std::string::npos) {
    config_error_ = "IMAP URL path must be just the mailbox name";
    return;
  }
  const auto decoded = percent_decode(path);
  if (!decoded) {
    config_error_ = "IMAP URL path has a bad %-escape";
    return;
  }
  watched_folder_ = decoded->empty() ? "INBOX" : *decoded;
}

Connection& Session::connection() {
  if (!connection_) {
    connection_ = std::make_unique<Connection>(settings_, root_url_);
  }
  return *connection_;
}

void Session::note(const Exchange& exchange) {
  if (exchange.new_connection) {
    selected_ = false;
    capabilities_.reset();
  }
}

void Session::drop(Connection::Goodbye goodbye) {
  if (connection_) {
    connection_->close(goodbye);
  }
  selected_ = false;
  capabilities_.reset();
  if (goodbye == Connection::Goodbye::logout) {
    delimiter_.reset();
  }
}

std::string Session::one_line(std::string s) const {
  std::ranges::replace_if(
      s, [](char c) { return c == '\r' || c == '\n' || c == '\0'; }, ' ');
  // Belt and braces: nothing here should ever hold the password, but never print it.
  if (settings_.password.size() >= 4) {
    for (auto at = s.find(settings_.password); at != std::string::npos;
         at = s.find(settings_.password, at)) {
      s.replace(at, settings_.password.size(), "***");
    }
  }
  return s;
}

ImapError Session::error_from(const Exchange& exchange, std::string_view what) const {
  ImapError error{kind_of(exchange.code), ""};
  std::string message = "IMAP " + display_ + ": " + std::string(what) + ": " + exchange.error;
  if (exchange.overflow) {
    error.kind = ImapError::Kind::protocol;
    message += " (reply larger than the limit)";
  }
  if (const auto done = command_completion(split_responses(exchange.stream));
      done && done->status != Status::ok) {
    message += " (server: " + done->text + ")";
  }
  error.message = one_line(std::move(message));
  return error;
}

ImapError Session::refused(const Reply& reply, std::string_view what) const {
  const std::string code = reply.done.code.empty() ? "" : "[" + reply.done.code + "] ";
  return {ImapError::Kind::protocol, one_line("IMAP " + display_ + ": " + std::string(what) +
                                              " refused: " + code + reply.done.text)};
}

std::expected<Reply, ImapError> Session::call(std::string_view command, OnBrokenFraming on_broken,
                                              std::size_t limit) {
  if (!config_error_.empty()) {
    return std::unexpected(ImapError{ImapError::Kind::protocol, config_error_});
  }
  Reply reply;
  reply.exchange = connection().command(command, limit);
  note(reply.exchange);
  reply.responses = split_responses(reply.exchange.stream);
  reply.framed = well_framed(reply.responses);
  const CURLcode code = reply.exchange.code;
  if (code == CURLE_RECV_ERROR &&
      reply.exchange.error.find("Too large response headers") != std::string::npos) {
    reply.framed = false; // libcurl's own cap on reply lines: the reply was cut, not the link
  } else if (code != CURLE_OK && code != CURLE_QUOTE_ERROR) {
    retryable_ = dead_connection(code) && !reply.exchange.new_connection;
    ImapError error = error_from(reply.exchange, shown(command));
    drop(Connection::Goodbye::abrupt);
    return std::unexpected(std::move(error));
  }
  if (!reply.framed) {
    // libcurl and the server disagree where this reply ended: the connection is unusable.
    drop(Connection::Goodbye::abrupt);
    if (on_broken == OnBrokenFraming::report) {
      return reply;
    }
    return std::unexpected(
        ImapError{ImapError::Kind::protocol,
                  one_line("IMAP " + display_ + ": " + shown(command) + ": reply framing lost")});
  }
  reply.done = *command_completion(reply.responses);
  if ((code == CURLE_OK) != (reply.done.status == Status::ok)) {
    drop(Connection::Goodbye::abrupt);
    return std::unexpected(
        ImapError{ImapError::Kind::protocol,
                  one_line("IMAP " + display_ + ": " + shown(command) + ": unexpected completion " +
                           reply.responses.back().text)});
  }
  if (saw_bye(reply.responses)) {
    selected_ = false;
  }
  return reply;
}

std::expected<Reply, ImapError> Session::call_in_mailbox(std::string_view command,
                                                         std::optional<std::uint32_t> uidvalidity,
                                                         OnBrokenFraming on_broken,
                                                         std::size_t limit) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (!selected_) {
      if (auto s = select(); !s) {
        return std::unexpected(s.error());
      }
    }
    if (uidvalidity && selected_uidvalidity_ != *uidvalidity) {
      return std::unexpected(
          ImapError{ImapError::Kind::uidvalidity_changed,
                    one_line("IMAP " + display_ + ": UIDVALIDITY of " + watched_folder_ +
                             " is now " + std::to_string(selected_uidvalidity_) + ", was " +
                             std::to_string(*uidvalidity))});
    }
    auto reply = call(command, on_broken, limit);
    if (!reply || !reply->exchange.new_connection) {
      return reply;
    }
    // libcurl reconnected for this command: nothing was selected, it failed harmlessly.
  }
  return std::unexpected(ImapError{
      ImapError::Kind::connection,
      one_line("IMAP " + display_ + ": " + shown(command) + ": the connection dropped twice")});
}

std::expected<SelectInfo, ImapError> Session::select() {
  const auto name = watched_name();
  if (!name) {
    return std::unexpected(name.error());
  }
  const std::string command = "SELECT " + quoted(*name);
  const auto reply = call(command);
  if (!reply) {
    return std::unexpected(reply.error());
  }
  if (reply->done.status != Status::ok) {
    drop(Connection::Goodbye::abrupt); // a failed SELECT leaves nothing selected
    return std::unexpected(refused(*reply, command));
  }
  const SelectInfo info = parse_select(reply->responses);
  if (!info.uidvalidity || !info.exists) {
    drop(Connection::Goodbye::abrupt);
    return std::unexpected(ImapError{
        ImapError::Kind::protocol,
        one_line("IMAP " + display_ + ": " + command + " gave no UIDVALIDITY or EXISTS")});
  }
  selected_ = true;
  selected_uidvalidity_ = *info.uidvalidity;
  return info;
}

std::expected<std::set<std::string>, ImapError> Session::capabilities() {
  if (capabilities_) {
    return *capabilities_;
  }
  const auto reply = call("CAPABILITY");
  if (!reply) {
    return std::unexpected(reply.error());
  }
  if (reply->done.status != Status::ok) {
    return std::unexpected(refused(*reply, "CAPABILITY"));
  }
  capabilities_ = parse_capabilities(reply->responses);
  return *capabilities_;
}

std::expected<std::string, ImapError> Session::server_name(std::string_view folder) {
  if (!delimiter_) {
    const auto reply = call("LIST \"\" \"\"");
    if (!reply) {
      return std::unexpected(reply.error());
    }
    if (reply->done.status != Status::ok) {
      return std::unexpected(refused(*reply, "LIST"));
    }
    const auto entries = parse_list(reply->responses);
    delimiter_ = entries.empty() ? std::optional<char>('/') : entries.front().delimiter;
  }
  auto name = server_mailbox_name(folder, *delimiter_);
  if (!name) {
    return std::unexpected(ImapError{ImapError::Kind::protocol, one_line(name.error())});
  }
  return *name;
}

std::expected<std::string, ImapError> Session::watched_name() {
  if (!config_error_.empty()) {
    return std::unexpected(ImapError{ImapError::Kind::protocol, config_error_});
  }
  return server_name(watched_folder_);
}

Exchange Session::fetch_url(std::string_view path, std::size_t limit, std::uint32_t uidvalidity) {
  Exchange exchange = connection().fetch_url(path, limit);
  note(exchange);
  if (exchange.code == CURLE_OK) {
    selected_ = true; // libcurl selected the mailbox, checking its UIDVALIDITY
    selected_uidvalidity_ = uidvalidity;
  } else {
    selected_ = false;
    if (exchange.code != CURLE_REMOTE_FILE_NOT_FOUND) {
      retryable_ = dead_connection(exchange.code) && !exchange.new_connection;
      drop(Connection::Goodbye::abrupt);
    }
  }
  return exchange;
}

Exchange Session::append(std::string_view escaped_mailbox, std::string_view bytes) {
  Exchange exchange = connection().append(escaped_mailbox, bytes);
  note(exchange);
  if (exchange.code != CURLE_OK && exchange.code != CURLE_UPLOAD_FAILED) {
    drop(Connection::Goodbye::abrupt);
  }
  return exchange;
}

} // namespace appeald::daemon::imap
