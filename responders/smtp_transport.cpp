#include "responders/smtp_transport.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <mutex>
#include <utility>

namespace appeald::responders {

namespace {

// libcurl protocols this transport may ever speak, whatever the configured URL says.
constexpr const char* allowed_protocols = "smtp,smtps";

bool is_reply_code(long code) {
  return code >= 400 && code <= 599;
}

// An address we are willing to put between angle brackets in MAIL/RCPT: printable ASCII or
// UTF-8, no spaces, no brackets, no control characters (so it cannot end the command line).
bool sendable_address(std::string_view address) {
  if (address.empty()) {
    return false;
  }
  return std::ranges::none_of(address, [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return c <= 0x20 || c == 0x7f || c == '<' || c == '>';
  });
}

// "smtp://host:port" + "/helo" unless the URL already has a path; the domain is percent-encoded
// (libcurl decodes it and rejects control characters there).
std::string url_with_helo(const std::string& url, const std::string& helo_domain) {
  if (helo_domain.empty()) {
    return url;
  }
  const std::size_t scheme_end = url.find("://");
  const std::size_t authority = scheme_end == std::string::npos ? 0 : scheme_end + 3;
  if (url.find('/', authority) != std::string::npos) {
    return url;
  }
  std::string encoded;
  for (const char ch : helo_domain) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) != 0 || c == '.' || c == '-' || c == '_' || c == '[' || c == ']' ||
        c == ':') {
      encoded += ch;
    } else {
      constexpr const char* hex = "0123456789ABCDEF";
      encoded += '%';
      encoded += hex[c >> 4];
      encoded += hex[c & 0xf];
    }
  }
  return url + "/" + encoded;
}

// One line, with the password (should a message ever echo it) blanked out.
std::string clean_message(std::string text, const std::string& password) {
  if (!password.empty()) {
    for (std::size_t at = text.find(password); at != std::string::npos;
         at = text.find(password, at)) {
      text.replace(at, password.size(), "***");
    }
  }
  std::ranges::replace_if(
      text, [](char c) { return c == '\r' || c == '\n' || c == '\0'; }, ' ');
  while (!text.empty() && text.back() == ' ') {
    text.pop_back();
  }
  return text;
}

SmtpFailure input_error(std::string message) {
  return {SmtpFailure::Kind::permanent, 0, std::move(message)};
}

struct Upload {
  std::string_view data;
  std::size_t sent = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, upload->data.size() - upload->sent);
  std::memcpy(buffer, upload->data.data() + upload->sent, n);
  upload->sent += n;
  return n;
}

} // namespace

void ensure_curl_ready() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

SmtpFailure classify(CURLcode result, long response_code) {
  const int code = is_reply_code(response_code) ? static_cast<int>(response_code) : 0;
  switch (result) {
  case CURLE_SEND_ERROR:         // MAIL, RCPT or DATA rejected ("RCPT failed: 550")
  case CURLE_RECV_ERROR:         // a reply read failed, or a rejection reported as such
  case CURLE_WEIRD_SERVER_REPLY: // greeting or end of DATA rejected
  case CURLE_UPLOAD_FAILED:      // DATA refused
    if (code >= 500) {
      return {SmtpFailure::Kind::permanent, code, {}};
    }
    return {SmtpFailure::Kind::transient, code, {}};
  default:
    // Includes CURLE_LOGIN_DENIED, CURLE_REMOTE_ACCESS_DENIED and CURLE_USE_SSL_FAILED with a
    // 5xx: account or relay setup, not this message (see the header).
    return {SmtpFailure::Kind::transient, code, {}};
  }
}

std::string smtp_line_ends(std::string_view message) {
  std::string out;
  out.reserve(message.size() + message.size() / 32 + 2);
  for (std::size_t i = 0; i < message.size(); ++i) {
    const char c = message[i];
    if (c == '\r') {
      out += "\r\n";
      if (i + 1 < message.size() && message[i + 1] == '\n') {
        ++i;
      }
    } else if (c == '\n') {
      out += "\r\n";
    } else {
      out += c;
    }
  }
  if (!out.empty() && !out.ends_with("\r\n")) {
    out += "\r\n";
  }
  return out;
}

struct SmtpTransport::Impl {
  SmtpSettings settings;
  std::string url;
  CURL* curl = nullptr;
  curl_slist* recipients = nullptr; // must outlive the transfer that uses it
  char error[CURL_ERROR_SIZE] = {};

  explicit Impl(SmtpSettings s)
      : settings(std::move(s)), url(url_with_helo(settings.url, settings.helo_domain)) {}
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  ~Impl() {
    if (curl != nullptr) {
      curl_easy_cleanup(curl);
    }
    curl_slist_free_all(recipients);
  }

  // Creates the handle and sets what stays the same between sends. False when libcurl could not
  // give a handle (out of memory); send() tries again next time.
  bool ready() {
    if (curl != nullptr) {
      return true;
    }
    ensure_curl_ready();
    curl = curl_easy_init();
    if (curl == nullptr) {
      return false;
    }
    const auto ms = [](std::chrono::seconds s) {
      return static_cast<long>(std::chrono::milliseconds(s).count());
    };
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, allowed_protocols);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, ms(settings.connect_timeout));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, ms(settings.transfer_timeout));
    curl_easy_setopt(curl, CURLOPT_USE_SSL,
                     static_cast<long>(settings.require_tls ? CURLUSESSL_ALL : CURLUSESSL_NONE));
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!settings.ca_file.empty()) {
      curl_easy_setopt(curl, CURLOPT_CAINFO, settings.ca_file.c_str());
    }
    if (!settings.user.empty()) {
      curl_easy_setopt(curl, CURLOPT_USERNAME, settings.user.c_str());
      curl_easy_setopt(curl, CURLOPT_PASSWORD, settings.password.c_str());
    }
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_upload);
    return true;
  }
};

SmtpTransport::SmtpTransport(SmtpSettings settings)
    : impl_(std::make_unique<Impl>(std::move(settings))) {}

SmtpTransport::~SmtpTransport() = default;
SmtpTransport::SmtpTransport(SmtpTransport&&) noexcept = default;
SmtpTransport& SmtpTransport::operator=(SmtpTransport&&) noexcept = default;

std::expected<void, SmtpFailure> SmtpTransport::send(const Envelope& envelope,
                                                     std::string_view message) {
  if (envelope.recipients.empty()) {
    return std::unexpected(input_error("no recipients"));
  }
  if (!envelope.mail_from.empty() && !sendable_address(envelope.mail_from)) {
    return std::unexpected(input_error("unsendable envelope sender"));
  }
  curl_slist* recipients = nullptr;
  for (const std::string& rcpt : envelope.recipients) {
    if (!sendable_address(rcpt)) {
      curl_slist_free_all(recipients);
      return std::unexpected(input_error("unsendable recipient address"));
    }
    curl_slist* grown = curl_slist_append(recipients, ("<" + rcpt + ">").c_str());
    if (grown == nullptr) {
      curl_slist_free_all(recipients);
      return std::unexpected(SmtpFailure{SmtpFailure::Kind::transient, 0, "out of memory"});
    }
    recipients = grown;
  }
  Impl& d = *impl_;
  if (!d.ready()) {
    curl_slist_free_all(recipients);
    return std::unexpected(SmtpFailure{SmtpFailure::Kind::transient, 0, "curl_easy_init failed"});
  }

  const std::string data = smtp_line_ends(message);
  Upload upload{data};
  // "<>" is the null reverse-path; libcurl strips one pair of brackets and re-adds them, so
  // "<>" goes out as MAIL FROM:<> (checked against the sink in the tests).
  const std::string from = "<" + envelope.mail_from + ">";
  curl_easy_setopt(d.curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(d.curl, CURLOPT_MAIL_RCPT, recipients);
  curl_slist_free_all(d.recipients);
  d.recipients = recipients;
  curl_easy_setopt(d.curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt(d.curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(data.size()));
  d.error[0] = '\0';

  const CURLcode result = curl_easy_perform(d.curl);
  curl_easy_setopt(d.curl, CURLOPT_READDATA, nullptr); // `upload` dies with this call
  long response_code = 0;
  curl_easy_getinfo(d.curl, CURLINFO_RESPONSE_CODE, &response_code);
  if (result == CURLE_OK) {
    if (response_code == 250) {
      return {};
    }
    // libcurl only finishes a transfer after the 250 for DATA; guard anyway.
    return std::unexpected(SmtpFailure{SmtpFailure::Kind::transient,
                                       is_reply_code(response_code) ? int(response_code) : 0,
                                       "unexpected final reply " + std::to_string(response_code)});
  }
  SmtpFailure failure = classify(result, response_code);
  std::string text = d.error[0] != '\0' ? std::string(d.error) : curl_easy_strerror(result);
  if (failure.code != 0) {
    text += " (reply " + std::to_string(failure.code) + ")";
  }
  failure.message = clean_message(std::move(text), d.settings.password);
  return std::unexpected(std::move(failure));
}

} // namespace appeald::responders
