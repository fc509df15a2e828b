#pragma once
// A private SMTP server for integration tests: tests/support/smtp_sink.py (aiosmtpd, run with
// /usr/bin/python3) listening on 127.0.0.1 only, storing every accepted message in its own temp
// directory. The test flips its behaviour (accept, or fail with a chosen reply) without a
// restart, and can stop and restart it on the same port to simulate a relay outage.
#include "tests/support/child_process.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace appeald::test {

struct SinkMessage {
  std::string mail_from; // "" = the null reverse-path (MAIL FROM:<>)
  std::vector<std::string> rcpt_tos;
  std::string data;    // the DATA bytes as the server received them, after dot-unstuffing
  std::string helo;    // the EHLO/HELO name the client sent
  int client_port = 0; // the client's TCP port: equal for messages sent on one connection
};

class SmtpSink {
public:
  // accept: 250 everywhere; tempfail: 451 at the end of DATA; permfail: 550 for every RCPT;
  // permfail_data: 554 at the end of DATA; tempfail_rcpt: 450 for every RCPT.
  enum class Mode { accept, tempfail, permfail, permfail_data, tempfail_rcpt };

  // 0 = pick a free port; starts /usr/bin/python3 smtp_sink.py (path from
  // APPEALD_TEST_SUPPORT_DIR) in its own temp dir and waits until it serves (up to 15 s).
  // Throws std::runtime_error, with the sink's log, when it does not come up.
  explicit SmtpSink(int port = 0);
  ~SmtpSink(); // stops it, removes the dir
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  int port() const { return port_; }
  std::string url() const; // "smtp://127.0.0.1:PORT"
  // Takes effect from the next SMTP command (the sink reads it per command).
  void set_mode(Mode m);
  // Everything accepted so far, in arrival order (across restarts, until clear()).
  std::vector<SinkMessage> messages() const;
  // Down (SIGTERM; open connections die with it) and back up on the same port, keeping the
  // messages and the mode. start() on a running sink does nothing.
  void stop();
  void start();
  void clear(); // forgets the messages accepted so far

private:
  int port_ = 0;
  std::filesystem::path dir_;
  ChildProcess child_;
  bool running_ = false;
};

} // namespace appeald::test
