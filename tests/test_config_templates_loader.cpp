// templates_loader: the shipped templates load, and bad ones are refused naming file and line.
#include "config/templates_loader.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

using namespace appeald;
namespace fs = std::filesystem;

namespace {

const std::map<std::string, std::string> good_files = {
    {"request_info.txt", "Case {{case}}\n{{#missing}}\n- {{request}}\n{{/missing}}\n"},
    {"await_fixes.txt", "{{#planned}}\n- \"{{.}}\"\n{{/planned}}\n"},
    {"review.txt", "Thanks, {{team}}\n"},
};

// A fresh directory in the test's scratch directory holding `files`.
fs::path write_dir(const std::string& name, const std::map<std::string, std::string>& files) {
  const fs::path dir = fs::current_path() / ("templates-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const auto& [file, text] : files) {
    std::ofstream(dir / file, std::ios::binary) << text;
  }
  return dir;
}

} // namespace

TEST_CASE("the shipped templates load and use only known placeholders") {
  const fs::path dir = config::default_templates_dir();
  CAPTURE(dir.string());
  const auto loaded = config::load_templates(dir);
  REQUIRE_MESSAGE(loaded.has_value(), loaded.error());

  responders::TemplateValues v;
  v.scalars = {{"case", "C-7"}, {"account", "42"}, {"team", "Desk"}, {"kind", "suspension"}};
  v.lists["missing"] = {{{"request", "Tell us the cause."}}};
  v.lists["planned"] = {{{".", "We will fix it."}}};
  v.scalars["has_missing"] = "yes";
  v.scalars["has_planned"] = "yes";
  for (const auto* t : {&loaded->request_info, &loaded->await_fixes, &loaded->review}) {
    const std::string body = t->render(v);
    CAPTURE(body);
    CHECK(body.find("C-7") != std::string::npos);
    CHECK(body.find("Desk") != std::string::npos);
    CHECK(body.find("{{") == std::string::npos);
    CHECK(body.ends_with("\n"));
  }
  CHECK(loaded->request_info.render(v).find("- Tell us the cause.") != std::string::npos);
  CHECK(loaded->await_fixes.render(v).find("We will fix it.") != std::string::npos);
}

TEST_CASE("load_templates reports the file and line of what is wrong") {
  struct Row {
    std::string what;
    std::string file; // replaced (or removed when `text` is "<absent>")
    std::string text;
    std::string expected; // error after "DIR/"
  };
  const std::vector<Row> rows = {
      {"unknown placeholder", "review.txt", "Hi\nThanks {{tema}}\n",
       "review.txt:2: unknown placeholder {{tema}}"},
      {"field used outside its list", "request_info.txt", "{{request}}\n",
       "request_info.txt:1: unknown placeholder {{request}}"},
      {"unclosed section", "await_fixes.txt", "a\nb\n{{#planned}}\n",
       "await_fixes.txt:3: {{#planned}} is never closed"},
      {"missing file", "review.txt", "<absent>", "review.txt: cannot read: "},
      {"invalid UTF-8", "review.txt", "ok\nok\nbad \xff\n", "review.txt:3: not valid UTF-8"},
      {"too large", "review.txt", std::string(config::max_template_bytes + 1, 'x'),
       "review.txt: larger than 65536 bytes"},
  };
  int n = 0;
  for (const Row& row : rows) {
    CAPTURE(row.what);
    std::map<std::string, std::string> files = good_files;
    if (row.text == "<absent>") {
      files.erase(row.file);
    } else {
      files[row.file] = row.text;
    }
    const fs::path dir = write_dir(std::to_string(n++), files);
    const auto loaded = config::load_templates(dir);
    REQUIRE_FALSE(loaded.has_value());
    CHECK(loaded.error().starts_with((dir / row.expected).string()));
  }
}

TEST_CASE("good templates load from any directory") {
  const auto loaded = config::load_templates(write_dir("good", good_files));
  REQUIRE_MESSAGE(loaded.has_value(), loaded.error());
  responders::TemplateValues v;
  v.scalars["team"] = "Desk";
  CHECK(loaded->review.render(v) == "Thanks, Desk\n");
}
