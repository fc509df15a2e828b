#include "parsers/mime_tree.hpp"

#include <algorithm>
#include <cstring>
#include <functional>
#include <optional>
#include <string>

namespace appeald::parsers {

namespace {

struct Walk {
  const ParserLimits& limits;
  Warnings& warnings;
  std::size_t parts = 0;
};

// Where a boundary line starts and what follows it.
struct BoundaryHit {
  std::size_t line_start;    // first '-' of the delimiter
  std::size_t content_start; // first byte after the delimiter line's line end
  bool closing;
};

bool is_line_start(std::string_view s, std::size_t pos) {
  return pos == 0 || s[pos - 1] == '\n' || s[pos - 1] == '\r';
}

// Finds the next delimiter line "--boundary" or "--boundary--" at or after `from`.
std::optional<BoundaryHit> next_boundary(std::string_view body, const std::string& delimiter,
                                         std::size_t from) {
  const std::boyer_moore_horspool_searcher searcher(delimiter.begin(), delimiter.end());
  auto it = body.begin() + static_cast<std::ptrdiff_t>(from);
  while (true) {
    auto [hit, hit_end] = searcher(it, body.end());
    if (hit == body.end()) {
      return std::nullopt;
    }
    const std::size_t pos = static_cast<std::size_t>(hit - body.begin());
    std::size_t p = static_cast<std::size_t>(hit_end - body.begin());
    bool closing = false;
    if (body.substr(p, 2) == "--") {
      closing = true;
      p += 2;
    }
    // Transport padding: only whitespace may follow on the delimiter line.
    while (p < body.size() && (body[p] == ' ' || body[p] == '\t')) {
      ++p;
    }
    const bool line_ends = p == body.size() || body[p] == '\r' || body[p] == '\n';
    if (is_line_start(body, pos) && line_ends) {
      if (p < body.size() && body[p] == '\r') {
        ++p;
      }
      if (p < body.size() && body[p] == '\n') {
        ++p;
      }
      return BoundaryHit{pos, p, closing};
    }
    it = hit + 1;
  }
}

// The part content ends before the line end that precedes the next delimiter (RFC 2046: that
// line end belongs to the delimiter).
std::string_view part_before(std::string_view body, std::size_t start, std::size_t line_start) {
  std::size_t end = line_start;
  if (end > start && body[end - 1] == '\n') {
    --end;
  }
  if (end > start && body[end - 1] == '\r') {
    --end;
  }
  return body.substr(start, end - start);
}

MimeEntity parse_entity(std::string_view bytes, std::size_t depth, bool digest_child, Walk& walk);

void parse_multipart(MimeEntity& entity, Walk& walk) {
  const std::string boundary = entity.content_type.param("boundary");
  if (boundary.empty()) {
    walk.warnings.add("mime-no-boundary", entity.content_type.value);
    return;
  }
  const std::string delimiter = "--" + boundary;
  const bool digest = entity.content_type.value == "multipart/digest";
  std::string_view body = entity.body;
  auto hit = next_boundary(body, delimiter, 0);
  if (!hit) {
    walk.warnings.add("mime-no-parts", "no delimiter for boundary found");
    return;
  }
  while (hit && !hit->closing) {
    const std::size_t start = hit->content_start;
    auto following = next_boundary(body, delimiter, start);
    const std::string_view part =
        following ? part_before(body, start, following->line_start) : body.substr(start);
    if (!following) {
      walk.warnings.add("mime-unterminated", "missing closing boundary");
    }
    if (walk.parts >= walk.limits.max_parts) {
      walk.warnings.add("mime-too-many-parts");
      return;
    }
    // Back-to-back delimiter lines carry no entity; Python's email and most clients skip them.
    // (A part holding just a line end is an empty entity, and is kept.)
    if (!part.empty() || !following || following->line_start > start) {
      entity.children.push_back(parse_entity(part, entity.depth + 1, digest, walk));
    }
    hit = following;
  }
}

MimeEntity parse_entity(std::string_view bytes, std::size_t depth, bool digest_child, Walk& walk) {
  ++walk.parts;
  MimeEntity entity;
  entity.depth = depth;
  HeaderBlock block = split_header_block(bytes, walk.limits, walk.warnings);
  entity.headers = std::move(block.fields);
  entity.body = bytes.substr(std::min(block.body_offset, bytes.size()));

  const HeaderField* type = find_field(entity.headers, "Content-Type");
  if (type != nullptr) {
    entity.content_type = parse_content_type(type->value, walk.warnings);
  } else {
    // RFC 2046 5.1.5: parts of a digest default to message/rfc822.
    entity.content_type = MimeValue{digest_child ? "message/rfc822" : "text/plain", {}};
  }
  if (const HeaderField* d = find_field(entity.headers, "Content-Disposition")) {
    entity.disposition = parse_content_disposition(d->value, walk.warnings);
  }
  if (const HeaderField* cte = find_field(entity.headers, "Content-Transfer-Encoding")) {
    entity.transfer_encoding = ascii_lower(trim(cte->value));
  }

  const std::string& ct = entity.content_type.value;
  const bool container =
      ct.starts_with("multipart/") || ct == "message/rfc822" || ct == "message/global";
  if (container && depth + 1 > walk.limits.max_mime_depth) {
    walk.warnings.add("mime-too-deep");
    return entity;
  }
  if (ct.starts_with("multipart/")) {
    parse_multipart(entity, walk);
  } else if (ct == "message/rfc822" || ct == "message/global") {
    // A transfer-encoded embedded message would need decoding before parsing; RFC 2046 forbids
    // it, so such a part stays an opaque leaf (listed as an attachment).
    const std::string& cte = entity.transfer_encoding;
    if (cte.empty() || cte == "7bit" || cte == "8bit" || cte == "binary") {
      if (walk.parts >= walk.limits.max_parts) {
        walk.warnings.add("mime-too-many-parts");
        return entity;
      }
      entity.children.push_back(parse_entity(entity.body, depth + 1, false, walk));
    }
  }
  return entity;
}

} // namespace

MimeEntity parse_mime_tree(std::string_view bytes, const ParserLimits& limits, Warnings& warnings) {
  Walk walk{limits, warnings};
  return parse_entity(bytes, 0, false, walk);
}

} // namespace appeald::parsers
