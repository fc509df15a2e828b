// The MIME walker: structure, tolerance of broken boundaries, and the named limits.
#include "parsers/mime_tree.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace appeald::parsers;

namespace {

// "type[child,child]" rendering of a tree, for compact expectations.
std::string shape(const MimeEntity& e) {
  std::string s = e.content_type.value;
  if (!e.children.empty()) {
    s += "[";
    for (std::size_t i = 0; i < e.children.size(); ++i) {
      s += (i ? "," : "") + shape(e.children[i]);
    }
    s += "]";
  }
  return s;
}

std::string nested(int depth) {
  std::string head, tail;
  for (int i = 0; i < depth; ++i) {
    head += "Content-Type: multipart/mixed; boundary=\"b" + std::to_string(i) + "\"\n\n--b" +
            std::to_string(i) + "\n";
    tail = "\n--b" + std::to_string(i) + "--\n" + tail;
  }
  return head + "Content-Type: text/plain\n\ninnermost\n" + tail;
}

} // namespace

TEST_CASE("mime tree: structure of well-formed and broken multiparts") {
  struct Row {
    std::string what;
    std::string input;
    std::string shape;
    const char* warning; // expected warning code, or ""
  };
  const std::vector<Row> rows = {
      {"single part defaults to text/plain", "Subject: x\n\nhello\n", "text/plain", ""},
      {"alternative with two parts",
       "Content-Type: multipart/alternative; boundary=\"a\"\n\npreamble\n--a\nContent-Type: "
       "text/plain\n\nplain\n--a\nContent-Type: text/html\n\n<p>html</p>\n--a--\nepilogue\n",
       "multipart/alternative[text/plain,text/html]", ""},
      {"CRLF line ends",
       "Content-Type: multipart/mixed; boundary=q\r\n\r\n--q\r\nContent-Type: "
       "text/plain\r\n\r\nbody\r\n--q--\r\n",
       "multipart/mixed[text/plain]", ""},
      {"nested related inside alternative inside mixed",
       "Content-Type: multipart/mixed; boundary=m\n\n--m\nContent-Type: multipart/alternative; "
       "boundary=a\n\n--a\nContent-Type: text/plain\n\nt\n--a\nContent-Type: multipart/related; "
       "boundary=r\n\n--r\nContent-Type: text/html\n\n<b>x</b>\n--r\nContent-Type: "
       "image/png\n\nPNG\n--r--\n--a--\n--m\nContent-Type: application/pdf\n\n%PDF\n--m--\n",
       "multipart/mixed[multipart/alternative[text/plain,multipart/related[text/html,image/"
       "png]],application/pdf]",
       ""},
      {"missing closing boundary keeps the last part",
       "Content-Type: multipart/mixed; boundary=z\n\n--z\nContent-Type: text/plain\n\nno end\n",
       "multipart/mixed[text/plain]", "mime-unterminated"},
      {"no boundary parameter becomes text", "Content-Type: multipart/mixed\n\nsome text\n",
       "multipart/mixed", "mime-no-boundary"},
      {"boundary never used becomes text",
       "Content-Type: multipart/mixed; boundary=nope\n\nsome text\n", "multipart/mixed",
       "mime-no-parts"},
      {"inner boundary that extends the outer one is not the outer one",
       "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: multipart/alternative; "
       "boundary=b-inner\n\n--b-inner\nContent-Type: text/plain\n\nx\n--b-inner--\n--b--\n",
       "multipart/mixed[multipart/alternative[text/plain]]", ""},
      {"transport padding after a boundary",
       "Content-Type: multipart/mixed; boundary=p\n\n--p  \nContent-Type: text/plain\n\nx\n--p-- "
       "\n",
       "multipart/mixed[text/plain]", ""},
      {"embedded message is parsed as a child",
       "Content-Type: multipart/mixed; boundary=f\n\n--f\nContent-Type: text/plain\n\nsee "
       "below\n--f\nContent-Type: message/rfc822\n\nFrom: a@b.c\nSubject: fwd\n\ninner\n--f--\n",
       "multipart/mixed[text/plain,message/rfc822[text/plain]]", ""},
      {"digest parts default to message/rfc822",
       "Content-Type: multipart/digest; boundary=d\n\n--d\n\nFrom: a@b.c\n\nx\n--d--\n",
       "multipart/digest[message/rfc822[text/plain]]", ""},
      {"adjacent delimiters carry no empty parts",
       "Content-Type: multipart/mixed; boundary=e\n\n--e\n--e\n--e\nContent-Type: "
       "text/plain\n\nx\n--e--\n",
       "multipart/mixed[text/plain]", ""},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    Warnings warnings;
    const MimeEntity root = parse_mime_tree(row.input, ParserLimits{}, warnings);
    CHECK(shape(root) == row.shape);
    if (*row.warning != '\0') {
      CHECK(warnings.has(row.warning));
    } else {
      CHECK(warnings.empty());
    }
  }
}

TEST_CASE("mime tree: part bodies exclude the line end before the delimiter") {
  const std::string input = "Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\nContent-Type: "
                            "text/plain\r\n\r\nline one\r\nline two\r\n--x--\r\n";
  Warnings warnings;
  const MimeEntity root = parse_mime_tree(input, ParserLimits{}, warnings);
  REQUIRE(root.children.size() == 1);
  CHECK(root.children[0].body == "line one\r\nline two");
}

TEST_CASE("mime tree: depth and part-count limits stop the walk, not the parse") {
  struct Row {
    std::string what;
    std::string input;
    ParserLimits limits;
    const char* warning;
    std::size_t max_depth_seen;
  };
  ParserLimits shallow;
  shallow.max_mime_depth = 5;
  ParserLimits few_parts;
  few_parts.max_parts = 10;
  std::string many = "Content-Type: multipart/mixed; boundary=m\n\n";
  for (int i = 0; i < 500; ++i) {
    many += "--m\nContent-Type: text/plain\n\npart\n";
  }
  many += "--m--\n";
  const std::vector<Row> rows = {
      {"nesting bomb of 10,000 levels", nested(10000), ParserLimits{}, "mime-too-deep", 32},
      {"nesting beyond a configured depth", nested(20), shallow, "mime-too-deep", 5},
      {"500 parts with a 10-part limit", many, few_parts, "mime-too-many-parts", 1},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    Warnings warnings;
    const MimeEntity root = parse_mime_tree(row.input, row.limits, warnings);
    CHECK(warnings.has(row.warning));
    std::size_t depth = 0;
    std::size_t entities = 0;
    std::vector<const MimeEntity*> stack{&root};
    while (!stack.empty()) {
      const MimeEntity* e = stack.back();
      stack.pop_back();
      ++entities;
      depth = std::max(depth, e->depth);
      for (const MimeEntity& c : e->children) {
        stack.push_back(&c);
      }
    }
    CHECK(depth <= row.max_depth_seen);
    CHECK(entities <= row.limits.max_parts + 1);
  }
}
