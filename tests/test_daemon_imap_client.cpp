// ImapClient against a real, private Dovecot (tests/support/dovecot_server.hpp), over plain
// imap:// on loopback and verified imaps://. What it proves: snapshots list every UID (also past
// libcurl's 64 KiB SEARCH cut), fetches are byte-exact and never change \Seen (also when a body
// line starts with libcurl's tag), UIDVALIDITY changes and vanished messages are told apart,
// folders and moves are idempotent, and failures come back as the right ImapError kind.
#include "daemon/imap_client.hpp"
#include "tests/support/dovecot_server.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <netinet/in.h>
#include <string>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

using appeald::daemon::ImapClient;
using appeald::daemon::ImapError;
using appeald::daemon::ImapSettings;
using appeald::test::DovecotOptions;
using appeald::test::DovecotServer;
using namespace std::chrono_literals;

namespace {

enum class Transport { plain, tls };
constexpr Transport kTransports[] = {Transport::plain, Transport::tls};
constexpr std::size_t kMaxBytes = std::size_t{10} << 20;

const char* name_of(Transport t) {
  return t == Transport::plain ? "imap://" : "imaps://";
}

ImapSettings settings_for(const DovecotServer& server, Transport transport,
                          std::string_view mailbox = "INBOX") {
  ImapSettings s;
  s.url = transport == Transport::plain ? server.imap_url(mailbox) : server.imaps_url(mailbox);
  s.user = server.user();
  s.password = server.password();
  s.ca_file = transport == Transport::tls ? server.ca_file().string() : "";
  s.connect_timeout = 5s;
  s.transfer_timeout = 30s;
  return s;
}

std::string message(std::string_view subject, std::string_view body) {
  return "From: Someone <someone@example.com>\r\nTo: enforcement@example.com\r\nSubject: " +
         std::string(subject) + "\r\nMessage-ID: <" + std::string(subject) +
         "@example.com>\r\n\r\n" + std::string(body);
}

// A body whose lines start with every tag libcurl is likely to use (A001..F040), so one of them
// matches the FETCH command's tag whatever the connection's history.
std::string tag_lines() {
  std::string body;
  for (char letter = 'A'; letter <= 'F'; ++letter) {
    for (int n = 1; n <= 40; ++n) {
      char line[32];
      std::snprintf(line, sizeof line, "%c%03d OK Fetch completed\r\n", letter, n);
      body += line;
    }
  }
  return body;
}

ImapError::Kind kind_of(const auto& result) {
  REQUIRE_FALSE(result.has_value());
  return result.error().kind;
}

} // namespace

TEST_CASE("snapshot of an empty mailbox, then of one message") {
  DovecotServer server;
  for (const Transport transport : kTransports) {
    CAPTURE(name_of(transport));
    ImapClient client(settings_for(server, transport));
    const auto empty = client.snapshot();
    REQUIRE_MESSAGE(empty.has_value(), empty.error().message);
    CHECK(empty->exists == 0);
    CHECK(empty->uids.empty());
    CHECK(empty->uidvalidity == server.uidvalidity("INBOX"));
  }
  server.deliver("INBOX", message("one", "hello\r\n"));
  for (const Transport transport : kTransports) {
    CAPTURE(name_of(transport));
    ImapClient client(settings_for(server, transport));
    const auto one = client.snapshot();
    REQUIRE_MESSAGE(one.has_value(), one.error().message);
    CHECK(one->exists == 1);
    CHECK(one->uids == server.uids("INBOX"));
    CHECK(one->uidnext == one->uids.back() + 1);
  }
}

// 6,000 UIDs of ten digits make 66,000 bytes of SEARCH results: past libcurl's silent 64 KiB cut
// had they come in one reply, and three full windows plus a partial one.
TEST_CASE("snapshot lists 6,000 ten-digit UIDs: several SEARCH windows, over 64 KiB in all") {
  constexpr std::uint32_t kMessages = 6000;
  DovecotServer server;
  server.raise_next_uid("INBOX", 4'000'000'000u);
  std::vector<std::string> many;
  for (std::uint32_t i = 0; i < kMessages; ++i) {
    many.push_back(message("bulk" + std::to_string(i), "x\r\n"));
  }
  server.deliver_many("INBOX", many);
  const auto expected = server.uids("INBOX");
  REQUIRE(expected.size() == kMessages);
  REQUIRE(expected.front() >= 4'000'000'000u);
  ImapClient client(settings_for(server, Transport::plain));
  const auto snap = client.snapshot();
  REQUIRE_MESSAGE(snap.has_value(), snap.error().message);
  CHECK(snap->exists == kMessages);
  CHECK(snap->uids.size() == kMessages);
  CHECK(snap->uids == expected);
  CHECK(std::ranges::is_sorted(snap->uids));
}

TEST_CASE("fetch returns the exact bytes and leaves \\Seen as it was") {
  DovecotServer server;
  const std::string plain = message("plain", "line one\r\nline two\r\n");
  const std::string eight_bit = message("8bit", "caf\xc3\xa9 \xe9\xff\x80 raw 8-bit\r\n\r\n.\r\n");
  const std::string tagged = message("tagged", "A003 OK looks like a completion\r\n" + tag_lines());
  const std::string long_line = message("long", std::string(700'000, 'x') + "\r\nend\r\n");
  const std::string tagged_unseen = message("tagged2", tag_lines() + "B004 NO trap\r\n");
  const std::vector<std::string> sent = {plain, eight_bit, tagged, long_line, tagged_unseen};
  for (const auto& raw : sent) {
    server.deliver("INBOX", raw);
  }
  // Half the messages seen beforehand: fetch must not change either state.
  const auto uids = server.uids("INBOX");
  server.add_flag("INBOX", uids[1], "\\Seen");
  server.add_flag("INBOX", uids[2], "\\Seen");
  const auto flags_before = server.flags("INBOX");
  CHECK(flags_before == std::vector<std::string>{"", "\\Seen", "\\Seen", "", ""});
  REQUIRE(server.messages("INBOX") == sent);

  for (const Transport transport : kTransports) {
    CAPTURE(name_of(transport));
    ImapClient client(settings_for(server, transport));
    const auto snap = client.snapshot();
    REQUIRE_MESSAGE(snap.has_value(), snap.error().message);
    // Twice over: the second round runs on a connection that has seen the tag lines.
    for (int round = 0; round < 2; ++round) {
      for (std::size_t i = 0; i < sent.size(); ++i) {
        CAPTURE(i);
        const auto got = client.fetch(snap->uidvalidity, snap->uids[i], kMaxBytes);
        REQUIRE_MESSAGE(got.has_value(), got.error().message);
        CHECK(got->bytes == sent[i]);
        CHECK_FALSE(got->truncated);
      }
    }
    CHECK(server.flags("INBOX") == flags_before);
    // The connection is still in step after the hostile messages.
    const auto again = client.snapshot();
    REQUIRE_MESSAGE(again.has_value(), again.error().message);
    CHECK(again->uids == snap->uids);
  }
}

TEST_CASE("fetch truncates at max_bytes") {
  DovecotServer server;
  const std::string small = message("small", std::string(1000, 'y') + "\r\n");
  std::string big = message("big", "");
  while (big.size() < 300'000) {
    big += "a line of a big message, fetched in several pieces\r\n";
  }
  server.deliver("INBOX", small);
  server.deliver("INBOX", big);
  ImapClient client(settings_for(server, Transport::plain));
  const auto snap = client.snapshot();
  REQUIRE(snap.has_value());
  struct Row {
    const char* what;
    std::size_t index;
    std::size_t max_bytes;
    bool truncated;
  };
  const Row rows[] = {{"far below the size", 0, 100, true},
                      {"one byte short", 0, small.size() - 1, true},
                      {"exactly the size", 0, small.size(), false},
                      {"above the size", 0, small.size() + 1, false},
                      {"nothing wanted", 0, 0, true},
                      {"big, cut inside the second piece", 1, 100'000, true},
                      {"big, cut at a piece boundary", 1, 65'536, true},
                      {"big, whole", 1, big.size(), false}};
  for (const Row& row : rows) {
    CAPTURE(row.what);
    const std::string& raw = row.index == 0 ? small : big;
    const auto got = client.fetch(snap->uidvalidity, snap->uids[row.index], row.max_bytes);
    REQUIRE_MESSAGE(got.has_value(), got.error().message);
    CHECK(got->truncated == row.truncated);
    CHECK(got->bytes == raw.substr(0, row.max_bytes));
  }
  CHECK(server.flags("INBOX") == std::vector<std::string>{"", ""});
}

TEST_CASE("fetch tells a vanished message from a changed UIDVALIDITY") {
  DovecotServer server;
  server.deliver("INBOX", message("keep", "k\r\n"));
  ImapClient client(settings_for(server, Transport::plain));
  const auto snap = client.snapshot();
  REQUIRE(snap.has_value());
  CHECK(kind_of(client.fetch(snap->uidvalidity, snap->uids[0] + 100, kMaxBytes)) ==
        ImapError::Kind::gone);
  CHECK(kind_of(client.fetch(snap->uidvalidity + 1, snap->uids[0], kMaxBytes)) ==
        ImapError::Kind::uidvalidity_changed);

  server.recreate_mailbox_same_messages("INBOX");
  CHECK(kind_of(client.fetch(snap->uidvalidity, snap->uids[0], kMaxBytes)) ==
        ImapError::Kind::uidvalidity_changed);
  // move() refuses too: the UID belongs to the old numbering.
  REQUIRE(client.ensure_folder("Appeals/Processed").has_value());
  CHECK(kind_of(client.move(snap->uids[0], "Appeals/Processed")) ==
        ImapError::Kind::uidvalidity_changed);
  CHECK(server.count("INBOX") == 1);
  const auto fresh = client.snapshot();
  REQUIRE(fresh.has_value());
  CHECK(fresh->uidvalidity == server.uidvalidity("INBOX"));
  CHECK(fresh->uidvalidity != snap->uidvalidity);
  const auto got = client.fetch(fresh->uidvalidity, fresh->uids[0], kMaxBytes);
  REQUIRE_MESSAGE(got.has_value(), got.error().message);
  CHECK(got->bytes == message("keep", "k\r\n"));
}

TEST_CASE("ensure_folder creates and subscribes nested folders, idempotently") {
  DovecotServer server;
  ImapClient client(settings_for(server, Transport::tls));
  for (int round = 0; round < 2; ++round) {
    CAPTURE(round);
    for (const char* folder : {"Appeals/Processed", "Appeals/Review", "Caf\xc3\xa9 & Co"}) {
      CAPTURE(folder);
      const auto made = client.ensure_folder(folder);
      REQUIRE_MESSAGE(made.has_value(), made.error().message);
    }
  }
  const auto folders = server.folders();
  CHECK(std::ranges::count(folders, "Appeals/Processed") == 1);
  CHECK(std::ranges::count(folders, "Appeals/Review") == 1);
  CHECK(std::ranges::count(folders, "Caf\xc3\xa9 & Co") == 1);
  const auto subscribed = server.subscribed_folders();
  CHECK(std::ranges::count(subscribed, "Appeals/Processed") == 1);
  CHECK(std::ranges::count(subscribed, "Caf\xc3\xa9 & Co") == 1);
  for (const char* bad : {"", "Appeals//Processed", "/Appeals", "Bad\r\nA1 LOGOUT", "Star*"}) {
    CAPTURE(bad);
    CHECK(kind_of(client.ensure_folder(bad)) == ImapError::Kind::protocol);
  }
}

TEST_CASE("move files the message, keeps its flags, and is idempotent") {
  for (const bool advertise_move : {true, false}) {
    CAPTURE(advertise_move);
    DovecotServer server(DovecotOptions{advertise_move});
    const std::vector<std::string> sent = {message("m1", "1\r\n"), message("m2", "2\r\n"),
                                           message("m3", "3\r\n")};
    for (const auto& raw : sent) {
      server.deliver("INBOX", raw);
    }
    const auto uids = server.uids("INBOX");
    server.add_flag("INBOX", uids[1], "\\Flagged");
    ImapClient client(settings_for(server, Transport::plain));
    const auto snap = client.snapshot();
    REQUIRE(snap.has_value());
    REQUIRE(client.ensure_folder("Appeals/Processed").has_value());
    const auto moved = client.move(uids[1], "Appeals/Processed");
    REQUIRE_MESSAGE(moved.has_value(), moved.error().message);
    CHECK(server.uids("INBOX") == std::vector<std::uint32_t>{uids[0], uids[2]});
    CHECK(server.messages("Appeals/Processed") == std::vector<std::string>{sent[1]});
    CHECK(server.flags("Appeals/Processed") == std::vector<std::string>{"\\Flagged"});
    CHECK(server.flags("INBOX") == std::vector<std::string>{"", ""});
    // Again, as after a crash between the move and its record: success, nothing else moves.
    const auto again = client.move(uids[1], "Appeals/Processed");
    REQUIRE_MESSAGE(again.has_value(), again.error().message);
    CHECK(server.count("INBOX") == 2);
    CHECK(server.count("Appeals/Processed") == 1);
    CHECK(kind_of(client.move(uids[0], "Appeals/Missing")) == ImapError::Kind::protocol);
    CHECK(server.count("INBOX") == 2);
  }
}

TEST_CASE("append files raw bytes into a folder") {
  DovecotServer server;
  ImapClient client(settings_for(server, Transport::plain));
  REQUIRE(client.ensure_folder("Appeals/Sent").has_value());
  const std::string raw = message("copy", "a filed copy\r\n");
  const auto appended = client.append("Appeals/Sent", raw);
  REQUIRE_MESSAGE(appended.has_value(), appended.error().message);
  CHECK(server.messages("Appeals/Sent") == std::vector<std::string>{raw});
  CHECK(kind_of(client.append("Nowhere", raw)) == ImapError::Kind::protocol);
}

TEST_CASE("a mailbox other than INBOX can be watched") {
  DovecotServer server;
  server.create_folder("Appeals/Incoming");
  server.deliver("Appeals/Incoming", message("elsewhere", "e\r\n"));
  ImapClient client(settings_for(server, Transport::plain, "Appeals/Incoming"));
  const auto snap = client.snapshot();
  REQUIRE_MESSAGE(snap.has_value(), snap.error().message);
  REQUIRE(snap->uids.size() == 1);
  const auto got = client.fetch(snap->uidvalidity, snap->uids[0], kMaxBytes);
  REQUIRE(got.has_value());
  CHECK(got->bytes == message("elsewhere", "e\r\n"));
}

TEST_CASE("failures come back as the right kind, without the password") {
  struct Row {
    const char* what;
    Transport transport;
    void (*adjust)(ImapSettings&, const DovecotServer&);
    ImapError::Kind expected;
  };
  const Row rows[] = {
      {"wrong password over imap://", Transport::plain,
       [](ImapSettings& s, const DovecotServer&) { s.password = "wrong-password-123"; },
       ImapError::Kind::auth},
      {"wrong password over imaps://", Transport::tls,
       [](ImapSettings& s, const DovecotServer&) { s.password = "wrong-password-123"; },
       ImapError::Kind::auth},
      {"unknown user", Transport::plain,
       [](ImapSettings& s, const DovecotServer&) { s.user = "nobody-here"; },
       ImapError::Kind::auth},
      {"imaps:// without the test CA is not trusted", Transport::tls,
       [](ImapSettings& s, const DovecotServer&) { s.ca_file = ""; }, ImapError::Kind::tls},
      {"imaps:// to the plain port", Transport::tls,
       [](ImapSettings& s, const DovecotServer& server) {
         s.url = "imaps://127.0.0.1:" + std::to_string(server.imap_port()) + "/INBOX";
       },
       ImapError::Kind::tls},
      {"a URL that is not IMAP (no I/O)", Transport::plain,
       [](ImapSettings& s, const DovecotServer&) { s.url = "http://127.0.0.1/"; },
       ImapError::Kind::protocol},
      {"a watched mailbox that does not exist", Transport::plain,
       [](ImapSettings& s, const DovecotServer& server) { s.url = server.imap_url("Nope"); },
       ImapError::Kind::protocol},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    // A server of its own: Dovecot slows down repeated failed logins from one address.
    DovecotServer server;
    auto settings = settings_for(server, row.transport);
    row.adjust(settings, server);
    ImapClient client(settings);
    const auto result = client.snapshot();
    CHECK(kind_of(result) == row.expected);
    CHECK(result.error().message.find(settings.password) == std::string::npos);
    CHECK(result.error().message.find('\n') == std::string::npos);
    CHECK(result.error().message != "");
  }
}

TEST_CASE("connection failures are quick and honour the connect timeout") {
  ImapSettings settings;
  settings.user = "u";
  settings.password = "secret-password";
  settings.connect_timeout = 1s;
  settings.transfer_timeout = 10s;
  SUBCASE("closed port") {
    settings.url = "imap://127.0.0.1:" + std::to_string(appeald::test::free_loopback_port()) + "/";
    const auto start = std::chrono::steady_clock::now();
    CHECK(kind_of(ImapClient(settings).snapshot()) == ImapError::Kind::connection);
    CHECK(std::chrono::steady_clock::now() - start < 2s);
  }
  SUBCASE("a listener that never greets") {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(::listen(fd, 8) == 0);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    settings.url = "imap://127.0.0.1:" + std::to_string(ntohs(addr.sin_port)) + "/";
    const auto start = std::chrono::steady_clock::now();
    const auto result = ImapClient(settings).snapshot();
    const auto took = std::chrono::steady_clock::now() - start;
    ::close(fd);
    CHECK(kind_of(result) == ImapError::Kind::connection);
    CHECK(took >= 900ms);
    CHECK(took < 5s);
  }
}

TEST_CASE("the client recovers after the server was stopped and restarted") {
  DovecotServer server;
  server.deliver("INBOX", message("survivor", "s\r\n"));
  for (const Transport transport : kTransports) {
    CAPTURE(name_of(transport));
    ImapClient client(settings_for(server, transport));
    REQUIRE(client.snapshot().has_value());
    server.stop();
    CHECK(kind_of(client.snapshot()) == ImapError::Kind::connection);
    server.start();
    // Without disconnect(): the dead connection is noticed and replaced.
    const auto after = client.snapshot();
    REQUIRE_MESSAGE(after.has_value(), after.error().message);
    CHECK(after->exists == 1);
    server.stop();
    server.start();
    client.disconnect();
    const auto again = client.snapshot();
    REQUIRE_MESSAGE(again.has_value(), again.error().message);
    const auto got = client.fetch(again->uidvalidity, again->uids[0], kMaxBytes);
    REQUIRE_MESSAGE(got.has_value(), got.error().message);
    CHECK(got->bytes == message("survivor", "s\r\n"));
  }
}
