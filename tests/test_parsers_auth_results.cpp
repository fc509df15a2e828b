// auth_results: Authentication-Results as real MTAs write them, and which header to trust.
#include "parsers/auth_results.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace appeald::parsers;

namespace {

struct Row {
  std::string what;
  std::string input;
  std::string authserv_id;
  std::string dkim;
  std::string spf;
  std::string dmarc;
};

} // namespace

TEST_CASE("parse_authentication_results reads real headers") {
  const std::vector<Row> rows = {
      {"Gmail",
       "mx.google.com;       dkim=pass header.i=@x.com header.s=s1 header.b=AbC123;       "
       "spf=pass (google.com: domain of sam@x.com designates 209.85.220.41 as permitted sender) "
       "smtp.mailfrom=sam@x.com;       dmarc=pass (p=NONE sp=NONE dis=NONE) header.from=x.com",
       "mx.google.com", "pass", "pass", "pass"},
      {"Microsoft without authserv-id",
       "spf=pass (sender IP is 40.107.1.2) smtp.mailfrom=x.com; dkim=none (message not signed) "
       "header.d=none;dmarc=none action=none header.from=x.com;compauth=pass reason=100",
       "", "none", "pass", "none"},
      {"Microsoft with authserv-id and version",
       "mx.microsoft.com 1; spf=fail (sender IP is 192.0.2.1) smtp.mailfrom=x.com; dkim=pass "
       "(signature was verified) header.d=x.com; dmarc=fail action=quarantine header.from=x.com; "
       "arc=none",
       "mx.microsoft.com", "pass", "fail", "fail"},
      {"OpenDMARC", "mail.appeals.example; dmarc=pass (p=reject dis=none) header.from=c.example",
       "mail.appeals.example", "", "", "pass"},
      {"OpenDKIM with ';' inside a comment",
       "mail.appeals.example;\tdkim=pass (2048-bit key; unprotected) header.d=c.example "
       "header.i=@c.example header.a=rsa-sha256 header.s=sel header.b=\"AbCd/12+\"",
       "mail.appeals.example", "pass", "", ""},
      {"postfix-policyd-spf",
       "mail.appeals.example; spf=softfail (mailfrom) "
       "smtp.mailfrom=c.example (client-ip=192.0.2.7; helo=mx.c.example)",
       "mail.appeals.example", "", "softfail", ""},
      {"none as the whole result", "example.org 1; none", "example.org", "", "", ""},
      {"none with a comment", "example.org; none (no authentication done)", "example.org", "", "",
       ""},
      {"nested comments anywhere",
       "mx.example.org (a (nested) one); dkim=pass (good (really)) "
       "header.d=x.com",
       "mx.example.org", "pass", "", ""},
      {"comment before the authserv-id", "(relay) mx.example.org; spf=pass", "mx.example.org", "",
       "pass", ""},
      {"quoted authserv-id", "\"mx.example.org\"; spf=pass", "mx.example.org", "", "pass", ""},
      {"several DKIM results: pass wins", "mx; dkim=fail header.d=a.com; dkim=pass header.d=b.com",
       "mx", "pass", "", ""},
      {"several DKIM results: else the first", "mx; dkim=neutral header.d=a.com; dkim=fail", "mx",
       "neutral", "", ""},
      {"case folded", "MX.Example.ORG; DKIM=PASS; SPF=SoftFail; DMARC=Fail", "mx.example.org",
       "pass", "softfail", "fail"},
      {"method version", "mx; dkim/1=pass header.d=x.com", "mx", "pass", "", ""},
      {"spaces around =", "mx; spf = temperror smtp.mailfrom=x.com", "mx", "", "temperror", ""},
      {"iprev, arc and auth ignored",
       "mx; iprev=pass policy.iprev=192.0.2.1; arc=pass; auth=pass smtp.auth=sam", "mx", "", "",
       ""},
      {"';' inside a quoted reason",
       "mx; dkim=fail reason=\"bad; signature\" header.d=x.com; spf=pass", "mx", "fail", "pass",
       ""},
      {"result glued to a comment", "mx; dkim=pass(ok) header.d=x.com", "mx", "pass", "", ""},
      {"unterminated comment swallows the rest", "mx; spf=pass (oops; dkim=pass", "mx", "", "pass",
       ""},
      {"trailing ;", "mx; spf=pass;", "mx", "", "pass", ""},
      {"method without result", "mx; spf=; dkim=pass", "mx", "pass", "", ""},
      {"backslash ending an unterminated comment", "mx; spf=pass (\\", "mx", "", "pass", ""},
      {"empty", "", "", "", "", ""},
      {"junk", "garbage text", "garbage", "", "", ""},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    CAPTURE(row.input);
    const AuthResultsHeader h = parse_authentication_results(row.input);
    CHECK(h.authserv_id == row.authserv_id);
    CHECK(h.verdict.dkim == row.dkim);
    CHECK(h.verdict.spf == row.spf);
    CHECK(h.verdict.dmarc == row.dmarc);
    CHECK(h.verdict.authserv_id == row.authserv_id);
  }
}

TEST_CASE("trusted_auth_verdict trusts only the topmost header of our authserv-id") {
  const HeaderField received{"Received", "from mx.c.example by mail.appeals.example"};
  const HeaderField ours{"Authentication-Results",
                         "mail.appeals.example; dkim=fail header.d=c.example; spf=softfail "
                         "smtp.mailfrom=c.example; dmarc=fail header.from=c.example"};
  const HeaderField forged{"Authentication-Results",
                           "mail.appeals.example; dkim=pass header.d=c.example; spf=pass "
                           "smtp.mailfrom=c.example; dmarc=pass header.from=c.example"};
  const HeaderField google{"Authentication-Results",
                           "mx.google.com; dkim=pass header.i=@c.example; spf=pass; dmarc=pass"};
  const HeaderField lowercase_name{"authentication-results",
                                   "MAIL.Appeals.Example; dmarc=pass header.from=c.example"};

  struct TrustRow {
    std::string what;
    std::vector<HeaderField> fields;
    std::string trusted;
    AuthVerdict expected;
  };
  const std::vector<TrustRow> rows = {
      {"forged header below ours is ignored",
       {received, ours, forged},
       "mail.appeals.example",
       {"fail", "softfail", "fail", "mail.appeals.example"}},
      {"forged header below ours is ignored even without Received",
       {ours, forged},
       "mail.appeals.example",
       {"fail", "softfail", "fail", "mail.appeals.example"}},
      {"another server's header above ours is skipped",
       {google, received, ours, forged},
       "mail.appeals.example",
       {"fail", "softfail", "fail", "mail.appeals.example"}},
      {"no header of ours: nothing trusted", {google, received}, "mail.appeals.example", {}},
      {"no header at all", {received}, "mail.appeals.example", {}},
      {"no fields", {}, "mail.appeals.example", {}},
      {"empty trusted id: the topmost",
       {google, ours},
       "",
       {"pass", "pass", "pass", "mx.google.com"}},
      {"names and ids compared case-insensitively",
       {lowercase_name, ours},
       "Mail.Appeals.Example",
       {"", "", "pass", "mail.appeals.example"}},
      {"trusted id with stray spaces",
       {ours},
       " mail.appeals.example ",
       {"fail", "softfail", "fail", "mail.appeals.example"}},
  };
  for (const TrustRow& row : rows) {
    CAPTURE(row.what);
    const AuthVerdict v = trusted_auth_verdict(row.fields, row.trusted);
    CHECK(v.dkim == row.expected.dkim);
    CHECK(v.spf == row.expected.spf);
    CHECK(v.dmarc == row.expected.dmarc);
    CHECK(v.authserv_id == row.expected.authserv_id);
  }
}

TEST_CASE("parse_authentication_results stays linear on hostile input") {
  CHECK(parse_authentication_results(std::string(1 << 20, '(')).authserv_id.empty());
  CHECK(parse_authentication_results(std::string(1 << 20, ';')).authserv_id.empty());
  CHECK(parse_authentication_results(std::string(1 << 20, '"')).verdict.dkim.empty());
  std::string many = "mx";
  for (int i = 0; i < 100000; ++i) {
    many += "; dkim=fail";
  }
  many += "; dkim=pass";
  CHECK(parse_authentication_results(many).verdict.dkim == "pass");
  const std::string nul("mx\0; spf=pass", 13);
  CHECK(parse_authentication_results(nul).verdict.spf == "pass");
}
