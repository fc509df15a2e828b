#include "tests/support/smtp_sink.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace appeald::test {

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr const char* python = "/usr/bin/python3"; // Debian's, where aiosmtpd is importable
constexpr auto startup_limit = 15s;
constexpr int port_tries = 3; // when we picked the port and someone else took it meanwhile

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_atomically(const fs::path& p, const std::string& text) {
  const fs::path tmp = p.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) {
      throw std::runtime_error("smtp sink: cannot write " + tmp.string());
    }
  }
  fs::rename(tmp, p);
}

const char* mode_name(SmtpSink::Mode m) {
  switch (m) {
  case SmtpSink::Mode::accept:
    return "accept";
  case SmtpSink::Mode::tempfail:
    return "tempfail";
  case SmtpSink::Mode::permfail:
    return "permfail";
  case SmtpSink::Mode::permfail_data:
    return "permfail_data";
  case SmtpSink::Mode::tempfail_rcpt:
    return "tempfail_rcpt";
  }
  return "accept";
}

// NNNNNN.json, the sink's commit marker for one message.
bool is_message_meta(const fs::path& p) {
  const std::string name = p.filename().string();
  return name.size() == 11 && name.ends_with(".json") &&
         std::all_of(name.begin(), name.begin() + 6, [](char c) { return c >= '0' && c <= '9'; });
}

fs::path make_temp_dir() {
  std::string tmpl = (fs::temp_directory_path() / "appeald-smtp-sink-XXXXXX").string();
  if (::mkdtemp(tmpl.data()) == nullptr) {
    throw std::runtime_error("smtp sink: mkdtemp failed");
  }
  return tmpl;
}

} // namespace

SmtpSink::SmtpSink(int port) : port_(port), dir_(make_temp_dir()) {
  for (int attempt = 1;; ++attempt) {
    if (port == 0) {
      port_ = free_loopback_port();
    }
    try {
      start();
      return;
    } catch (const std::exception&) {
      if (port != 0 || attempt >= port_tries) {
        std::error_code ec;
        fs::remove_all(dir_, ec);
        throw;
      }
    }
  }
}

SmtpSink::~SmtpSink() {
  if (running_) {
    child_.stop(std::chrono::milliseconds(5000));
  }
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

std::string SmtpSink::url() const {
  return "smtp://127.0.0.1:" + std::to_string(port_);
}

void SmtpSink::set_mode(Mode m) {
  write_atomically(dir_ / "mode", mode_name(m));
}

std::vector<SinkMessage> SmtpSink::messages() const {
  std::vector<fs::path> metas;
  for (const fs::directory_entry& e : fs::directory_iterator(dir_)) {
    if (is_message_meta(e.path())) {
      metas.push_back(e.path());
    }
  }
  std::ranges::sort(metas);
  std::vector<SinkMessage> out;
  for (const fs::path& meta_path : metas) {
    const nlohmann::json meta = nlohmann::json::parse(slurp(meta_path));
    SinkMessage m;
    m.mail_from = meta.at("mail_from").get<std::string>();
    m.rcpt_tos = meta.at("rcpt_tos").get<std::vector<std::string>>();
    m.helo = meta.at("helo").get<std::string>();
    m.client_port = meta.at("peer_port").get<int>();
    fs::path eml = meta_path;
    m.data = slurp(eml.replace_extension(".eml"));
    out.push_back(std::move(m));
  }
  return out;
}

void SmtpSink::start() {
  if (running_) {
    return;
  }
  const fs::path ready = dir_ / "ready";
  std::error_code ec;
  fs::remove(ready, ec);
  const fs::path log = dir_ / "sink.log";
  const fs::path script = fs::path(APPEALD_TEST_SUPPORT_DIR) / "smtp_sink.py";
  child_ = ChildProcess({python, script.string(), std::to_string(port_), dir_.string()}, log);
  const std::string pid = std::to_string(child_.pid());
  const auto until = std::chrono::steady_clock::now() + startup_limit;
  while (std::chrono::steady_clock::now() < until && child_.running()) {
    if (fs::exists(ready) && slurp(ready) == pid) {
      running_ = true;
      return;
    }
    std::this_thread::sleep_for(10ms);
  }
  child_.stop(std::chrono::milliseconds(1000));
  throw std::runtime_error("smtp sink did not start on port " + std::to_string(port_) + ": " +
                           slurp(log));
}

void SmtpSink::stop() {
  if (!running_) {
    return;
  }
  child_.stop(std::chrono::milliseconds(5000));
  running_ = false;
}

void SmtpSink::clear() {
  for (const fs::directory_entry& e : fs::directory_iterator(dir_)) {
    if (is_message_meta(e.path())) {
      fs::path eml = e.path();
      fs::remove(e.path()); // the commit marker first: a half-removed pair is never listed
      fs::remove(eml.replace_extension(".eml"));
    }
  }
}

} // namespace appeald::test
