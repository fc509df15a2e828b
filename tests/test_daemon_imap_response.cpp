// The pure IMAP pieces: response framing by literal lengths (what keeps a body line that starts
// with libcurl's tag from being taken for the end of a command), the SELECT/SEARCH/LIST/
// CAPABILITY/FETCH readers, and mailbox names (delimiter, modified UTF-7, quoting).
#include "daemon/imap_mailbox_name.hpp"
#include "daemon/imap_reply_data.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

using namespace appeald::daemon::imap;

namespace {

const std::string kFetch = "* 1 FETCH (UID 7 RFC822.SIZE 23 BODY[]<0> {23}\r\n"
                           "Subject: x\r\n\r\nA004 OK\r\n)\r\n"
                           "A004 OK Fetch completed (0.001 + 0.000 secs).\r\n";

// A stream and what its completion reads as: nullopt status when there is none.
struct CompletionRow {
  const char* what;
  std::string stream;
  std::optional<Status> status;
  std::string code;
  std::string text;
};

template <typename Read, std::size_t N>
void check_completions(const CompletionRow (&rows)[N], Read read) {
  for (const CompletionRow& row : rows) {
    CAPTURE(row.what);
    const auto done = read(split_responses(row.stream));
    REQUIRE(done.has_value() == row.status.has_value());
    if (done) {
      CHECK(done->status == *row.status);
      CHECK(done->code == row.code);
      CHECK(done->text == row.text);
    }
  }
}

} // namespace

TEST_CASE("split_responses frames by literal length and well_framed spots cut exchanges") {
  struct Row {
    const char* what;
    std::string stream;
    std::size_t responses;
    bool framed;
  };
  const Row rows[] = {
      {"a tagged line", "A001 OK done\r\n", 1, true},
      {"untagged then tagged", "* 3 EXISTS\r\n* OK [UIDVALIDITY 9] x\r\nA002 OK done\r\n", 3, true},
      {"a FETCH whose body has a line starting with the tag", kFetch, 2, true},
      {"libcurl stopped at the tag line inside the literal",
       "* 1 FETCH (UID 7 RFC822.SIZE 23 BODY[]<0> {23}\r\nSubject: x\r\n\r\nA004 OK\r\n", 1, false},
      {"cut in the middle of the literal", "* 1 FETCH (BODY[] {100}\r\nshort\r\n", 1, false},
      {"literal complete but nothing after it", "* 1 FETCH (BODY[] {5}\r\nhello", 1, false},
      {"FETCH closed but no completion", "* 1 FETCH (BODY[] {5}\r\nhello)\r\n", 1, false},
      {"line without its end", "A001 OK do", 1, false},
      {"an untagged line last", "A001 OK x\r\n* BYE bye\r\n", 2, false},
      {"bare LF line ends are tolerated", "* 1 EXISTS\nA1 OK x\n", 2, true},
      {"non-synchronising literal marker", "* LIST () \"/\" {3+}\r\nabc\r\nA1 OK x\r\n", 2, true},
      {"an absurd literal length", "* 1 FETCH (BODY[] {99999999999999999999}\r\nA1 OK\r\n", 1,
       false},
      {"nothing at all", "", 0, false},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    const auto responses = split_responses(row.stream);
    CHECK(responses.size() == row.responses);
    CHECK(well_framed(responses) == row.framed);
  }
}

TEST_CASE("every strict prefix of a FETCH exchange is reported as cut") {
  for (std::size_t n = 0; n < kFetch.size(); ++n) {
    CAPTURE(n);
    CHECK_FALSE(well_framed(split_responses(std::string_view(kFetch).substr(0, n))));
  }
  const auto whole = split_responses(kFetch);
  REQUIRE(well_framed(whole));
  REQUIRE(whole[0].literals.size() == 1);
  CHECK(whole[0].literals[0] == "Subject: x\r\n\r\nA004 OK\r\n");
}

TEST_CASE("completion reads the tagged status, response code and text") {
  const CompletionRow rows[] = {
      {"OK", "A1 OK Logged in\r\n", Status::ok, "", "Logged in"},
      {"NO with a code", "* 1 EXISTS\r\nA7 NO [ALREADYEXISTS] Mailbox already exists\r\n",
       Status::no, "ALREADYEXISTS", "Mailbox already exists"},
      {"BAD", "A2 BAD Error in IMAP command\r\n", Status::bad, "", "Error in IMAP command"},
      {"lower-case status", "a3 ok fine\r\n", Status::ok, "", "fine"},
      {"untagged last", "* OK still going\r\n", std::nullopt, "", ""},
      {"incomplete", "A1 OK", std::nullopt, "", ""},
  };
  check_completions(rows, [](const auto& r) { return completion(r); });
  // None of these ends in libcurl's LOGOUT: command_completion reads them the same.
  check_completions(rows, [](const auto& r) { return command_completion(r); });
}

TEST_CASE("command_completion skips the LOGOUT libcurl sends after a refused command") {
  const CompletionRow rows[] = {
      // What a CREATE of an existing folder gave once: libcurl then closed the connection.
      {"refused, then libcurl's LOGOUT",
       "A6 NO [ALREADYEXISTS] Mailbox already exists\r\n* BYE Logging out\r\n"
       "A7 OK Logout completed\r\n",
       Status::no, "ALREADYEXISTS", "Mailbox already exists"},
      {"BAD, then libcurl's LOGOUT",
       "* 3 EXISTS\r\nA2 BAD Error in IMAP command\r\n* BYE Logging out\r\nA3 OK Logout\r\n",
       Status::bad, "", "Error in IMAP command"},
      {"a new connection's greeting and login come first: the last completion is the command's",
       "* OK ready\r\nA1 OK Pre-login\r\nA2 OK Logged in\r\nA3 OK Create completed\r\n", Status::ok,
       "", "Create completed"},
      {"a plain OK", "A1 OK Logged in\r\n", Status::ok, "", "Logged in"},
      {"a BYE with nothing tagged before it is no LOGOUT of libcurl's",
       "* BYE going away\r\nA5 OK Logout completed\r\n", Status::ok, "", "Logout completed"},
      {"the server closing after the command: no completion last",
       "A3 OK done\r\n* BYE shutting down\r\n", std::nullopt, "", ""},
  };
  check_completions(rows, [](const auto& r) { return command_completion(r); });
}

TEST_CASE("parse_select reads EXISTS, UIDVALIDITY and UIDNEXT") {
  const std::string dovecot =
      "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n"
      "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] Flags.\r\n"
      "* 2 EXISTS\r\n* 0 RECENT\r\n* 7 EXISTS\r\n"
      "* OK [UIDVALIDITY 1795699669] UIDs valid\r\n* OK [UIDNEXT 5002] Predicted next UID\r\n"
      "A003 OK [READ-WRITE] Select completed.\r\n";
  const SelectInfo info = parse_select(split_responses(dovecot));
  CHECK(info.exists == 7u); // the last EXISTS counts
  CHECK(info.uidvalidity == 1795699669u);
  CHECK(info.uidnext == 5002u);

  const SelectInfo bad =
      parse_select(split_responses("* x EXISTS\r\n* OK [UIDVALIDITY 99999999999] x\r\nA OK\r\n"));
  CHECK_FALSE(bad.exists.has_value());
  CHECK_FALSE(bad.uidvalidity.has_value());
  CHECK_FALSE(bad.uidnext.has_value());
}

TEST_CASE("parse_search collects numbers and refuses garbage") {
  struct Row {
    const char* what;
    std::string stream;
    std::optional<std::vector<std::uint32_t>> expected;
  };
  const Row rows[] = {
      {"a few", "* SEARCH 1 2 30\r\nA1 OK\r\n", std::vector<std::uint32_t>{1, 2, 30}},
      {"none", "* SEARCH\r\nA1 OK\r\n", std::vector<std::uint32_t>{}},
      {"two lines", "* SEARCH 4\r\n* SEARCH 5\r\nA1 OK\r\n", std::vector<std::uint32_t>{4, 5}},
      {"largest UID", "* SEARCH 4294967295\r\nA1 OK\r\n", std::vector<std::uint32_t>{4294967295u}},
      {"past 32 bits", "* SEARCH 4294967296\r\nA1 OK\r\n", std::nullopt},
      {"not a number", "* SEARCH 1 two\r\nA1 OK\r\n", std::nullopt},
      {"other untagged lines ignored", "* 3 EXISTS\r\n* SEARCH 9\r\nA1 OK\r\n",
       std::vector<std::uint32_t>{9}},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    CHECK(parse_search(split_responses(row.stream)) == row.expected);
  }
}

TEST_CASE("parse_list reads attributes, delimiter and names in every form") {
  struct Row {
    const char* what;
    std::string stream;
    std::optional<char> delimiter;
    std::string name;
  };
  const Row rows[] = {
      {"atom name", "* LIST (\\HasNoChildren) \"/\" Appeals/Processed\r\nA1 OK\r\n", '/',
       "Appeals/Processed"},
      {"root of the hierarchy", "* LIST (\\Noselect) \"/\" \"\"\r\nA1 OK\r\n", '/', ""},
      {"dot delimiter, quoted name", "* LIST () \".\" \"Appeals.Two words\"\r\nA1 OK\r\n", '.',
       "Appeals.Two words"},
      {"flat namespace", "* LIST () NIL flat\r\nA1 OK\r\n", std::nullopt, "flat"},
      {"escapes in a quoted name", "* LIST () \"\\\\\" \"a \\\"b\\\"\"\r\nA1 OK\r\n", '\\',
       "a \"b\""},
      {"literal name", "* LIST () \"/\" {8}\r\nx\r\ny) {1\r\nA1 OK\r\n", '/', "x\r\ny) {1"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    const auto entries = parse_list(split_responses(row.stream));
    REQUIRE(entries.size() == 1);
    CHECK(entries[0].delimiter == row.delimiter);
    CHECK(entries[0].name == row.name);
  }
  CHECK(parse_list(split_responses("* LIST (\\x \"/\" a\r\nA1 OK\r\n")).empty());
  CHECK(parse_list(split_responses("* LIST () \"//\" a\r\nA1 OK\r\n")).empty());
}

TEST_CASE("parse_capabilities merges untagged lists and response codes") {
  const auto caps = parse_capabilities(split_responses(
      "* OK [CAPABILITY IMAP4rev1 STARTTLS] ready\r\n"
      "* CAPABILITY IMAP4rev1 uidplus\r\nA2 OK [CAPABILITY IMAP4rev1 MOVE] in\r\n"));
  CHECK(caps.contains("IMAP4REV1"));
  CHECK(caps.contains("UIDPLUS"));
  CHECK(caps.contains("MOVE"));
  CHECK(caps.contains("STARTTLS"));
  CHECK_FALSE(caps.contains("IDLE"));
}

TEST_CASE("parse_fetch reads UID, flags, size and body, and flags malformed replies") {
  struct Row {
    const char* what;
    std::string stream;
    std::optional<std::uint32_t> uid;
    std::optional<std::vector<std::string>> flags;
    std::optional<std::string> body;
    std::uint64_t origin;
    bool malformed;
  };
  using Flags = std::vector<std::string>;
  const Row rows[] = {
      {"body with a tag line", kFetch, 7, std::nullopt, "Subject: x\r\n\r\nA004 OK\r\n", 0, false},
      {"flags only", "* 2 FETCH (UID 9 FLAGS (\\Seen \\Flagged))\r\nA1 OK\r\n", 9,
       Flags{"\\Seen", "\\Flagged"}, std::nullopt, 0, false},
      {"no flags", "* 2 FETCH (FLAGS () UID 9)\r\nA1 OK\r\n", 9, Flags{}, std::nullopt, 0, false},
      {"partial at an offset", "* 2 FETCH (UID 9 BODY[]<65536> {3}\r\nabc)\r\nA1 OK\r\n", 9,
       std::nullopt, "abc", 65536, false},
      {"body as a quoted string", "* 2 FETCH (UID 9 BODY[] \"hi\")\r\nA1 OK\r\n", 9, std::nullopt,
       "hi", 0, false},
      {"NIL body", "* 2 FETCH (UID 9 BODY[] NIL)\r\nA1 OK\r\n", 9, std::nullopt, "", 0, false},
      {"literal holding parentheses and a marker",
       "* 2 FETCH (UID 9 BODY[] {8}\r\n) {3}\r\n))\r\nA1 OK\r\n", 9, std::nullopt, ") {3}\r\n)", 0,
       false},
      {"unknown items skipped", "* 2 FETCH (X-GM-LABELS (a (b)) UID 9 MODSEQ (12))\r\nA1 OK\r\n", 9,
       std::nullopt, std::nullopt, 0, false},
      {"unclosed", "* 2 FETCH (UID 9 FLAGS (\\Seen)\r\nA1 OK\r\n", 9, Flags{"\\Seen"}, std::nullopt,
       0, true},
      {"garbage after the close", "* 2 FETCH (UID 9) junk\r\nA1 OK\r\n", 9, std::nullopt,
       std::nullopt, 0, true},
      {"literal cut short", "* 2 FETCH (UID 9 BODY[] {50}\r\nshort\r\n", 9, std::nullopt, "", 0,
       true},
      {"bad origin", "* 2 FETCH (UID 9 BODY[]<x> {1}\r\na)\r\nA1 OK\r\n", 9, std::nullopt, "a", 0,
       true},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    const auto all = parse_fetch(split_responses(row.stream));
    REQUIRE(all.size() == 1);
    const FetchData& d = all[0];
    CHECK(d.malformed == row.malformed);
    if (row.malformed) {
      continue;
    }
    CHECK(d.uid == row.uid);
    CHECK(d.flags == row.flags);
    CHECK(d.body == row.body);
    CHECK(d.body_origin == row.origin);
  }
  const auto sized = parse_fetch(split_responses(kFetch));
  CHECK(sized[0].rfc822_size == 23u);
  CHECK(sized[0].sequence == 1u);
}

TEST_CASE("BYE and EXPUNGE are noticed") {
  CHECK(saw_bye(split_responses("* BYE shutting down\r\n")));
  CHECK_FALSE(saw_bye(split_responses("* OK BYE is just a word\r\nA1 OK\r\n")));
  CHECK(saw_expunge(split_responses("* 3 EXPUNGE\r\n* SEARCH 1\r\nA1 OK\r\n")));
  CHECK_FALSE(saw_expunge(split_responses("* SEARCH 1\r\nA1 OK\r\n")));
}

TEST_CASE("encode_modified_utf7 follows RFC 3501 5.1.3") {
  struct Row {
    const char* what;
    std::string utf8;
    std::optional<std::string> expected;
  };
  const Row rows[] = {
      {"ASCII stays", "Appeals/Processed", "Appeals/Processed"},
      {"ampersand", "R&D", "R&-D"},
      {"Latin-1 letter", "Entw\xc3\xbcrfe", "Entw&APw-rfe"},
      {"CJK run, ',' for '/'", "\xe5\x8f\xb0\xe5\x8c\x97", "&U,BTFw-"},
      {"astral plane (surrogate pair)", "\xf0\x9f\x98\x80", "&2D3eAA-"},
      {"run between ASCII", "a\xc3\xa9\xc3\xa9z", "a&AOkA6Q-z"},
      {"invalid UTF-8", "bad\xff", std::nullopt},
      {"overlong encoding", "\xc0\xaf", std::nullopt},
      {"truncated sequence", "x\xe5\x8f", std::nullopt},
      {"surrogate encoded in UTF-8", "\xed\xa0\x80", std::nullopt},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    const auto got = encode_modified_utf7(row.utf8);
    REQUIRE(got.has_value() == row.expected.has_value());
    if (got) {
      CHECK(*got == *row.expected);
    }
  }
}

TEST_CASE("server_mailbox_name translates the delimiter and refuses unsafe names") {
  struct Row {
    const char* what;
    std::string folder;
    std::optional<char> delimiter;
    std::optional<std::string> expected;
  };
  const Row rows[] = {
      {"slash server", "Appeals/Processed", '/', "Appeals/Processed"},
      {"dot server", "Appeals/Processed", '.', "Appeals.Processed"},
      {"flat server, one level", "Appeals", std::nullopt, "Appeals"},
      {"flat server, nested", "Appeals/Processed", std::nullopt, std::nullopt},
      {"component holds the dot delimiter", "v1.2/x", '.', std::nullopt},
      {"empty", "", '/', std::nullopt},
      {"empty component", "Appeals//Processed", '/', std::nullopt},
      {"leading slash", "/Appeals", '/', std::nullopt},
      {"trailing slash", "Appeals/", '/', std::nullopt},
      {"CRLF injection", "A\r\nA1 DELETE INBOX", '/', std::nullopt},
      {"NUL", std::string("A\0B", 3), '/', std::nullopt},
      {"LIST wildcard", "Appeals/*", '/', std::nullopt},
      {"non-ASCII encoded", "Caf\xc3\xa9", '/', "Caf&AOk-"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    const auto got = server_mailbox_name(row.folder, row.delimiter);
    REQUIRE(got.has_value() == row.expected.has_value());
    if (got) {
      CHECK(*got == *row.expected);
    } else {
      CHECK(got.error().find('\n') == std::string::npos);
    }
  }
  CHECK(quoted("a\"b\\c") == "\"a\\\"b\\\\c\"");
  CHECK(quoted("") == "\"\"");
}
