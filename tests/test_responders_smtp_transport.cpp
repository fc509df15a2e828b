// smtp_transport: classification of libcurl failures, DATA line ends, and real sends against
// the aiosmtpd sink (null sender, exact bytes, 4xx/5xx replies, outages, connection reuse).
#include "responders/smtp_transport.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/smtp_sink.hpp"

#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <set>
#include <string>
#include <vector>

using namespace appeald::responders;
using appeald::test::SinkMessage;
using appeald::test::SmtpSink;
using Kind = SmtpFailure::Kind;
using namespace std::chrono_literals;

namespace {

SmtpSettings loopback_settings(const std::string& url) {
  SmtpSettings s;
  s.url = url;
  s.require_tls = false; // the sink is plaintext on 127.0.0.1
  s.connect_timeout = 5s;
  s.transfer_timeout = 20s;
  return s;
}

const std::string simple_message = "From: a@example.com\r\nSubject: hi\r\n\r\nHello\r\n";

// A socket that listens on 127.0.0.1 but never accepts or speaks: connects succeed, the
// greeting never comes.
struct SilentServer {
  int fd = -1;
  int port = 0;
  SilentServer() {
    fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(::listen(fd, 4) == 0);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    port = ntohs(addr.sin_port);
  }
  SilentServer(const SilentServer&) = delete;
  SilentServer& operator=(const SilentServer&) = delete;
  ~SilentServer() { ::close(fd); }
};

} // namespace

TEST_CASE("classify: 5xx rejections of the message are permanent, the rest transient") {
  struct Row {
    std::string what;
    CURLcode result;
    long response_code;
    Kind kind;
    int code;
  };
  const std::vector<Row> rows = {
      {"RCPT 550", CURLE_SEND_ERROR, 550, Kind::permanent, 550},
      {"MAIL 553", CURLE_SEND_ERROR, 553, Kind::permanent, 553},
      {"RCPT 450", CURLE_SEND_ERROR, 450, Kind::transient, 450},
      {"end of DATA 554", CURLE_WEIRD_SERVER_REPLY, 554, Kind::permanent, 554},
      {"end of DATA 451", CURLE_WEIRD_SERVER_REPLY, 451, Kind::transient, 451},
      {"greeting 421", CURLE_WEIRD_SERVER_REPLY, 421, Kind::transient, 421},
      {"recv error after 552", CURLE_RECV_ERROR, 552, Kind::permanent, 552},
      {"recv error, no reply", CURLE_RECV_ERROR, 0, Kind::transient, 0},
      {"recv error after a 250", CURLE_RECV_ERROR, 250, Kind::transient, 0},
      {"upload refused 554", CURLE_UPLOAD_FAILED, 554, Kind::permanent, 554},
      {"send error, connection dropped", CURLE_SEND_ERROR, 0, Kind::transient, 0},
      {"weird reply without code", CURLE_WEIRD_SERVER_REPLY, 0, Kind::transient, 0},
      {"AUTH 535 is our account, not the message", CURLE_LOGIN_DENIED, 535, Kind::transient, 535},
      {"AUTH 454", CURLE_LOGIN_DENIED, 454, Kind::transient, 454},
      {"HELO 550 is relay setup", CURLE_REMOTE_ACCESS_DENIED, 550, Kind::transient, 550},
      {"STARTTLS unavailable", CURLE_USE_SSL_FAILED, 250, Kind::transient, 0},
      {"STARTTLS 554", CURLE_USE_SSL_FAILED, 554, Kind::transient, 554},
      {"connection refused", CURLE_COULDNT_CONNECT, 0, Kind::transient, 0},
      {"host unknown", CURLE_COULDNT_RESOLVE_HOST, 0, Kind::transient, 0},
      {"timeout after greeting", CURLE_OPERATION_TIMEDOUT, 220, Kind::transient, 0},
      {"TLS handshake", CURLE_SSL_CONNECT_ERROR, 0, Kind::transient, 0},
      {"certificate rejected", CURLE_PEER_FAILED_VERIFICATION, 0, Kind::transient, 0},
      {"CA file unreadable", CURLE_SSL_CACERT_BADFILE, 0, Kind::transient, 0},
      {"bad URL", CURLE_URL_MALFORMAT, 0, Kind::transient, 0},
      {"protocol not allowed", CURLE_UNSUPPORTED_PROTOCOL, 0, Kind::transient, 0},
      {"nonsense code 999", CURLE_WEIRD_SERVER_REPLY, 999, Kind::transient, 0},
      {"OK is not a failure", CURLE_OK, 250, Kind::transient, 0},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    const SmtpFailure f = classify(row.result, row.response_code);
    CHECK(f.kind == row.kind);
    CHECK(f.code == row.code);
    CHECK(f.message.empty());
  }
}

TEST_CASE("smtp_line_ends: bare LF and CR become CRLF, CRLF stays, the end gets a CRLF") {
  struct Row {
    std::string what, input, expected;
  };
  const std::vector<Row> rows = {
      {"empty stays empty", "", ""},
      {"LF", "a\nb\n", "a\r\nb\r\n"},
      {"CRLF kept, not doubled", "a\r\nb\r\n", "a\r\nb\r\n"},
      {"mixed", "a\r\nb\nc\r\n", "a\r\nb\r\nc\r\n"},
      {"bare CR", "a\rb\r\n", "a\r\nb\r\n"},
      {"CR CR LF", "a\r\r\n", "a\r\n\r\n"},
      {"LF LF", "a\n\n", "a\r\n\r\n"},
      {"no final line end", "a\nb", "a\r\nb\r\n"},
      {"final CR", "a\r", "a\r\n"},
      {"8-bit bytes untouched", "caf\xc3\xa9\n", "caf\xc3\xa9\r\n"},
      {"dots untouched (stuffing is libcurl's)", ".\n..x\n", ".\r\n..x\r\n"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    CHECK(smtp_line_ends(row.input) == row.expected);
  }
}

TEST_CASE("envelopes arrive as given, the null sender as MAIL FROM:<>") {
  SmtpSink sink;
  SmtpTransport transport(loopback_settings(sink.url()));
  struct Row {
    std::string what;
    Envelope envelope;
  };
  const std::vector<Row> rows = {
      {"null reverse-path (RFC 3834 auto-reply)", {"", {"ops@customer.example"}}},
      {"normal sender", {"enforcement@example.com", {"ops@customer.example"}}},
      {"several recipients", {"", {"a@customer.example", "b@customer.example", "c@other.example"}}},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    sink.clear();
    const auto sent = transport.send(row.envelope, simple_message);
    REQUIRE_MESSAGE(sent.has_value(), (sent ? "" : sent.error().message));
    const std::vector<SinkMessage> got = sink.messages();
    REQUIRE(got.size() == 1);
    CHECK(got[0].mail_from == row.envelope.mail_from);
    CHECK(got[0].rcpt_tos == row.envelope.recipients);
    CHECK(got[0].data == simple_message);
  }
}

TEST_CASE("message bytes arrive exactly: CRLF-normalised, 8-bit intact, dots survive") {
  SmtpSink sink;
  SmtpTransport transport(loopback_settings(sink.url()));
  struct Row {
    std::string what, input, expected;
  };
  const std::vector<Row> rows = {
      {"LF input arrives as CRLF", "Subject: a\n\nline one\nline two\n",
       "Subject: a\r\n\r\nline one\r\nline two\r\n"},
      {"CRLF input arrives unchanged", "Subject: a\r\n\r\nbody\r\n", "Subject: a\r\n\r\nbody\r\n"},
      {"8-bit UTF-8 body intact",
       "Subject: u\n\nGr\xc3\xbc\xc3\x9f\x65 \xe2\x80\x94 \xf0\x9f\x98\x80\n",
       "Subject: u\r\n\r\nGr\xc3\xbc\xc3\x9f\x65 \xe2\x80\x94 \xf0\x9f\x98\x80\r\n"},
      {"a line with a single dot does not end DATA", "Subject: d\n\nbefore\n.\nafter\n",
       "Subject: d\r\n\r\nbefore\r\n.\r\nafter\r\n"},
      {"leading dots kept", "Subject: d\n\n..two\n.one\n", "Subject: d\r\n\r\n..two\r\n.one\r\n"},
      {"a single dot as the last line", "Subject: d\n\nlast\n.", "Subject: d\r\n\r\nlast\r\n.\r\n"},
      {"no final line end", "Subject: e\n\nno end", "Subject: e\r\n\r\nno end\r\n"},
      {"a dot as the very first byte", ".starts\n\nx\n", ".starts\r\n\r\nx\r\n"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    sink.clear();
    const auto sent = transport.send({"", {"ops@customer.example"}}, row.input);
    REQUIRE_MESSAGE(sent.has_value(), (sent ? "" : sent.error().message));
    const std::vector<SinkMessage> got = sink.messages();
    REQUIRE(got.size() == 1);
    CHECK(got[0].data == row.expected);
  }
}

TEST_CASE("server replies: 4xx transient with its code, 5xx permanent, nothing half-sent") {
  SmtpSink sink;
  SmtpTransport transport(loopback_settings(sink.url()));
  struct Row {
    std::string what;
    SmtpSink::Mode mode;
    Kind kind;
    int code;
  };
  const std::vector<Row> rows = {
      {"451 at the end of DATA", SmtpSink::Mode::tempfail, Kind::transient, 451},
      {"450 for RCPT", SmtpSink::Mode::tempfail_rcpt, Kind::transient, 450},
      {"550 for RCPT", SmtpSink::Mode::permfail, Kind::permanent, 550},
      {"554 at the end of DATA", SmtpSink::Mode::permfail_data, Kind::permanent, 554},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    for (const Envelope& envelope :
         {Envelope{"", {"ops@customer.example"}},
          Envelope{"enforcement@example.com", {"a@customer.example", "b@customer.example"}}}) {
      CAPTURE(envelope.recipients.size());
      sink.set_mode(row.mode);
      const auto sent = transport.send(envelope, simple_message);
      REQUIRE_FALSE(sent.has_value());
      CHECK(sent.error().kind == row.kind);
      CHECK(sent.error().code == row.code);
      CHECK_FALSE(sent.error().message.empty());
      CHECK(sent.error().message.find('\n') == std::string::npos);
      CHECK(sink.messages().empty());
      // The same transport recovers as soon as the server accepts again.
      sink.set_mode(SmtpSink::Mode::accept);
      const auto again = transport.send(envelope, simple_message);
      CHECK_MESSAGE(again.has_value(), (again ? "" : again.error().message));
      CHECK(sink.messages().size() == 1);
      sink.clear();
    }
  }
}

TEST_CASE("an outage is transient and quick; the same transport sends again after a restart") {
  SmtpSink sink;
  SmtpTransport transport(loopback_settings(sink.url()));
  const Envelope envelope{"", {"ops@customer.example"}};
  REQUIRE(transport.send(envelope, simple_message).has_value()); // a connection is now cached

  sink.stop();
  const auto began = std::chrono::steady_clock::now();
  const auto down = transport.send(envelope, simple_message);
  const auto took = std::chrono::steady_clock::now() - began;
  REQUIRE_FALSE(down.has_value());
  CHECK(down.error().kind == Kind::transient);
  CHECK(down.error().code == 0);
  CHECK_FALSE(down.error().message.empty());
  CHECK(took < 5s); // the connect timeout

  sink.start();
  const auto up = transport.send(envelope, simple_message);
  CHECK_MESSAGE(up.has_value(), (up ? "" : up.error().message));
  CHECK(sink.messages().size() == 2);
}

TEST_CASE("nothing listening at all: transient, code 0") {
  const int port = appeald::test::free_loopback_port();
  SmtpTransport transport(loopback_settings("smtp://127.0.0.1:" + std::to_string(port)));
  const auto sent = transport.send({"", {"ops@customer.example"}}, simple_message);
  REQUIRE_FALSE(sent.has_value());
  CHECK(sent.error().kind == Kind::transient);
  CHECK(sent.error().code == 0);
}

TEST_CASE("a server that never greets times out within transfer_timeout, transient") {
  SilentServer silent;
  SmtpSettings settings = loopback_settings("smtp://127.0.0.1:" + std::to_string(silent.port));
  settings.transfer_timeout = 1s;
  SmtpTransport transport(settings);
  const auto began = std::chrono::steady_clock::now();
  const auto sent = transport.send({"", {"ops@customer.example"}}, simple_message);
  const auto took = std::chrono::steady_clock::now() - began;
  REQUIRE_FALSE(sent.has_value());
  CHECK(sent.error().kind == Kind::transient);
  CHECK(sent.error().code == 0);
  CHECK(took >= 900ms);
  CHECK(took < 5s);
}

TEST_CASE("50 sends in a row on one transport share one connection") {
  SmtpSink sink;
  SmtpTransport transport(loopback_settings(sink.url()));
  constexpr int count = 50;
  for (int i = 0; i < count; ++i) {
    CAPTURE(i);
    const auto sent = transport.send({"enforcement@example.com", {"ops@customer.example"}},
                                     "Subject: n\n\nmessage " + std::to_string(i) + "\n");
    REQUIRE_MESSAGE(sent.has_value(), (sent ? "" : sent.error().message));
  }
  const std::vector<SinkMessage> got = sink.messages();
  REQUIRE(got.size() == count);
  std::set<int> client_ports;
  for (int i = 0; i < count; ++i) {
    CAPTURE(i);
    CHECK(got[i].data == "Subject: n\r\n\r\nmessage " + std::to_string(i) + "\r\n");
    client_ports.insert(got[i].client_port);
  }
  CHECK(client_ports.size() == 1);
}

TEST_CASE("settings and moves: helo_domain is the EHLO name, a moved transport still sends") {
  SmtpSink sink;
  SmtpSettings settings = loopback_settings(sink.url());
  settings.helo_domain = "appeald.example.com";
  SmtpTransport first(settings);
  SmtpTransport transport(std::move(first));
  const auto sent = transport.send({"", {"ops@customer.example"}}, simple_message);
  REQUIRE_MESSAGE(sent.has_value(), (sent ? "" : sent.error().message));
  const std::vector<SinkMessage> got = sink.messages();
  REQUIRE(got.size() == 1);
  CHECK(got[0].helo == "appeald.example.com");
}

TEST_CASE("unsendable envelopes are refused before any I/O, permanently") {
  SmtpSink sink;
  SmtpTransport transport(loopback_settings(sink.url()));
  struct Row {
    std::string what;
    Envelope envelope;
  };
  const std::vector<Row> rows = {
      {"no recipients", {"", {}}},
      {"CRLF in a recipient (command injection)", {"", {"a@b.example>\r\nRCPT TO:<c@d.example"}}},
      {"space in a recipient", {"", {"a b@example.com"}}},
      {"angle brackets in a recipient", {"", {"<a@example.com>"}}},
      {"empty recipient", {"", {"ok@example.com", ""}}},
      {"CRLF in the sender", {"x@example.com>\r\nDATA", {"ops@customer.example"}}},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    const auto sent = transport.send(row.envelope, simple_message);
    REQUIRE_FALSE(sent.has_value());
    CHECK(sent.error().kind == Kind::permanent);
    CHECK(sent.error().code == 0);
  }
  CHECK(sink.messages().empty());
}
