// secrets: a systemd credential wins over password_file, trailing line ends are stripped, errors
// and warnings never carry the secret, a password or key file others can read is refused, and
// nothing set means no password.
#include "config/secrets.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

using namespace appeald;
namespace fs = std::filesystem;

namespace {

constexpr const char* secret = "s3cr3t-Pa55";

void write(const fs::path& path, const std::string& bytes, fs::perms perms = fs::perms(0600)) {
  fs::create_directories(path.parent_path());
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
  }
  fs::permissions(path, perms);
}

// Sets $CREDENTIALS_DIRECTORY for one scope.
class CredentialsDir {
public:
  explicit CredentialsDir(const fs::path& dir) {
    ::setenv("CREDENTIALS_DIRECTORY", fs::absolute(dir).c_str(), 1);
  }
  ~CredentialsDir() { ::unsetenv("CREDENTIALS_DIRECTORY"); }
  CredentialsDir(const CredentialsDir&) = delete;
  CredentialsDir& operator=(const CredentialsDir&) = delete;
};

} // namespace

TEST_CASE("where the password comes from") {
  ::unsetenv("CREDENTIALS_DIRECTORY");
  write("creds/imap", std::string(secret) + "-cred\n", fs::perms(0400));
  write("creds/smtp", "", fs::perms(0400)); // an empty credential counts as absent
  write("files/imap.pw", std::string(secret) + "-file\r\n");
  write("files/smtp.pw", std::string(secret) + "-smtp\n\n");
  write("files/bare.pw", secret);
  write("files/empty.pw", "");

  struct Row {
    std::string what;
    bool credentials_dir;
    std::string credential;
    std::string password_file;
    std::string expected;
  };
  const Row rows[] = {
      {"credential wins over the file", true, "imap", "files/imap.pw",
       std::string(secret) + "-cred"},
      {"credential without a password_file", true, "imap", "", std::string(secret) + "-cred"},
      {"empty credential falls back to the file", true, "smtp", "files/smtp.pw",
       std::string(secret) + "-smtp"},
      {"credential not passed falls back to the file", true, "other", "files/imap.pw",
       std::string(secret) + "-file"},
      {"no credentials dir: the file, CRLF stripped", false, "imap", "files/imap.pw",
       std::string(secret) + "-file"},
      {"several trailing newlines stripped", false, "smtp", "files/smtp.pw",
       std::string(secret) + "-smtp"},
      {"no newline at all", false, "imap", "files/bare.pw", secret},
      {"empty file: no password", false, "imap", "files/empty.pw", ""},
      {"nothing set: no password", false, "imap", "", ""},
      {"credentials dir without this credential, nothing set", true, "other", "", ""},
  };
  for (const auto& row : rows) {
    CAPTURE(row.what);
    std::vector<std::string> warnings;
    std::optional<CredentialsDir> env;
    if (row.credentials_dir) {
      env.emplace("creds");
    }
    const auto got = config::load_secret(row.credential, row.password_file, warnings);
    REQUIRE_MESSAGE(got.has_value(), got.error());
    CHECK(*got == row.expected);
  }
}

TEST_CASE("errors name the file and never hold the secret") {
  ::unsetenv("CREDENTIALS_DIRECTORY");
  write("bad/big.pw", std::string(secret) + std::string(5000, 'x'));
  write("bad/two-lines.pw", std::string(secret) + "\nsecond line\n");
  write("bad/nul.pw", std::string(secret) + std::string(1, '\0') + "x");
  fs::create_directories("bad/a-directory");
  write("bad/creds/imap", std::string(secret) + "\nmore\n", fs::perms(0400));

  struct Row {
    std::string what;
    std::string credentials_dir; // "" = unset
    std::string password_file;
    std::string expected;
  };
  const Row rows[] = {
      {"missing file", "", "bad/missing.pw",
       "bad/missing.pw: cannot read: No such file or directory"},
      {"a directory", "", "bad/a-directory", "bad/a-directory: cannot read: not a regular file"},
      {"too large", "", "bad/big.pw", "bad/big.pw: larger than 4096 bytes"},
      {"a second line", "", "bad/two-lines.pw",
       "bad/two-lines.pw: the password holds a line break or NUL"},
      {"a NUL byte", "", "bad/nul.pw", "bad/nul.pw: the password holds a line break or NUL"},
      {"a bad credential", "bad/creds", "",
       (fs::absolute("bad/creds") / "imap").string() + ": the password holds a line break or NUL"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.what);
    std::optional<CredentialsDir> env;
    if (!row.credentials_dir.empty()) {
      env.emplace(row.credentials_dir);
    }
    std::vector<std::string> warnings;
    const auto got = config::load_secret("imap", row.password_file, warnings);
    REQUIRE_FALSE(got.has_value());
    CHECK(got.error() == row.expected);
    CHECK(got.error().find(secret) == std::string::npos);
  }
}

TEST_CASE("a password file group or others can read is refused; a credential's mode is systemd's") {
  ::unsetenv("CREDENTIALS_DIRECTORY");
  struct Row {
    std::string what;
    fs::perms perms;
    bool refused;
  };
  const Row rows[] = {
      {"0600", fs::perms(0600), false},
      {"0400", fs::perms(0400), false},
      {"0640 (group)", fs::perms(0640), true},
      {"0604 (others)", fs::perms(0604), true},
      {"0644", fs::perms(0644), true},
      {"0660 (group writes too)", fs::perms(0660), true},
      {"0620 (group may only write)", fs::perms(0620), false},
  };
  for (const auto& row : rows) {
    CAPTURE(row.what);
    write("perm/imap.pw", std::string(secret) + "\n", row.perms);
    std::vector<std::string> warnings;
    const auto got = config::load_secret("imap", "perm/imap.pw", warnings);
    CHECK(warnings.empty());
    if (row.refused) {
      REQUIRE_FALSE(got.has_value());
      CHECK(got.error() == "perm/imap.pw: readable by group or others: chmod 600 it");
      CHECK(got.error().find(secret) == std::string::npos);
    } else {
      REQUIRE(got.has_value());
      CHECK(*got == secret);
    }
  }
  // Inside $CREDENTIALS_DIRECTORY systemd decides the mode: a 0644 credential is used.
  write("perm/creds/imap", std::string(secret) + "\n", fs::perms(0644));
  CredentialsDir env("perm/creds");
  std::vector<std::string> warnings;
  const auto got = config::load_secret("imap", "perm/imap.pw", warnings);
  REQUIRE(got.has_value());
  CHECK(*got == secret);
}

TEST_CASE("an empty password file means no password, with a warning") {
  ::unsetenv("CREDENTIALS_DIRECTORY");
  write("empty/imap.pw", "");
  std::vector<std::string> warnings;
  const auto got = config::load_secret("imap", "empty/imap.pw", warnings);
  REQUIRE(got.has_value());
  CHECK(got->empty());
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0] == "empty/imap.pw: empty, so no password is sent");
}

TEST_CASE("the notice key: a credential wins over the key file, line ends stripped") {
  ::unsetenv("CREDENTIALS_DIRECTORY");
  const std::string key = "notice-key-0123456789";
  write("nk/creds/notice_key", key + "-cred\n", fs::perms(0400));
  write("nk/empty-creds/notice_key", "", fs::perms(0400));
  write("nk/notice.key", key + "\r\n");
  write("nk/bare.key", key, fs::perms(0400));
  write("nk/binary.key", std::string("\x01\x02\x00\xff", 4) + key);

  struct Row {
    std::string what;
    std::string credentials_dir; // "" = unset
    std::string key_file;
    std::string expected;
  };
  const Row rows[] = {
      {"the credential wins over the file", "nk/creds", "nk/notice.key", key + "-cred"},
      {"the credential alone", "nk/creds", "", key + "-cred"},
      {"an empty credential falls back to the file", "nk/empty-creds", "nk/notice.key", key},
      {"no credentials dir: the file, CRLF stripped", "", "nk/notice.key", key},
      {"0400 is fine", "", "nk/bare.key", key},
      {"any bytes but line ends are key", "", "nk/binary.key",
       std::string("\x01\x02\x00\xff", 4) + key},
  };
  for (const auto& row : rows) {
    CAPTURE(row.what);
    std::optional<CredentialsDir> env;
    if (!row.credentials_dir.empty()) {
      env.emplace(row.credentials_dir);
    }
    const auto got = config::load_notice_key(row.key_file);
    REQUIRE_MESSAGE(got.has_value(), got.error());
    CHECK(*got == row.expected);
    CHECK(config::notice_key_configured(row.key_file));
  }
}

TEST_CASE("a notice key that is missing, short, large or readable by others is refused") {
  ::unsetenv("CREDENTIALS_DIRECTORY");
  const std::string key = "notice-key-0123456789";
  write("nkbad/short.key", "fifteen-bytes!!\n");
  write("nkbad/sixteen.key", "sixteen-bytes!!!\n");
  write("nkbad/big.key", key + std::string(5000, 'x'));
  write("nkbad/group.key", key, fs::perms(0640));
  write("nkbad/world.key", key, fs::perms(0604));
  write("nkbad/creds/notice_key", "short\n", fs::perms(0400));
  fs::create_directories("nkbad/no-creds");

  struct Row {
    std::string what;
    std::string credentials_dir; // "" = unset
    std::string key_file;
    std::string expected; // "" = accepted
  };
  const Row rows[] = {
      {"nothing set", "", "",
       "no notice key: set [policy] notice_key_file or pass the notice_key credential"},
      {"a credentials dir without the key, nothing else", "nkbad/no-creds", "",
       "no notice key: set [policy] notice_key_file or pass the notice_key credential"},
      {"missing file", "", "nkbad/missing.key",
       "nkbad/missing.key: cannot read: No such file or directory"},
      {"15 bytes", "", "nkbad/short.key",
       "nkbad/short.key: the notice key is shorter than 16 bytes"},
      {"16 bytes are enough", "", "nkbad/sixteen.key", ""},
      {"too large", "", "nkbad/big.key", "nkbad/big.key: larger than 4096 bytes"},
      {"group-readable", "", "nkbad/group.key",
       "nkbad/group.key: readable by group or others: chmod 600 it"},
      {"world-readable", "", "nkbad/world.key",
       "nkbad/world.key: readable by group or others: chmod 600 it"},
      {"a short credential", "nkbad/creds", "nkbad/sixteen.key",
       (fs::absolute("nkbad/creds") / "notice_key").string() +
           ": the notice key is shorter than 16 bytes"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.what);
    std::optional<CredentialsDir> env;
    if (!row.credentials_dir.empty()) {
      env.emplace(row.credentials_dir);
    }
    const auto got = config::load_notice_key(row.key_file);
    if (row.expected.empty()) {
      CHECK(got.has_value());
      continue;
    }
    REQUIRE_FALSE(got.has_value());
    CHECK(got.error() == row.expected);
    CHECK(got.error().find(key) == std::string::npos);
  }
  CHECK_FALSE(config::notice_key_configured(""));
  {
    CredentialsDir env("nkbad/no-creds");
    CHECK_FALSE(config::notice_key_configured(""));
  }
  {
    CredentialsDir env("nkbad/creds");
    CHECK(config::notice_key_configured(""));
  }
}
