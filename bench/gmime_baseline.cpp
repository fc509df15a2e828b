// Baseline for the benchmark: the same dump read with GMime 3.2, parse and decode only.
//
// Usage: gmime_baseline [--limit M] DUMP.mbox
// Parses the mbox with GMime's own mbox parser (GMIME_FORMAT_MBOX), reads Subject, From,
// Message-ID and In-Reply-To of each message, walks every part and decodes every text/* part to
// UTF-8 with g_mime_text_part_get_text() (transfer encoding and charset). That is the work the
// Python baseline does, and the "GMime parse-only" figure; none of appeald's matching,
// assessment or output is in it. Prints one JSON line, as python_baseline.py does:
// {"tool":"gmime","messages":N,"seconds":S,"bytes":B,"text_parts":T,"part_errors":E}
// Built only when pkg-config finds gmime-3.0 (Debian: libgmime-3.0-dev); appeald never links it.

#include <gmime/gmime.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

struct Counts {
  long text_parts = 0;
  long part_errors = 0; // text parts GMime could not decode to UTF-8
};

// g_mime_message_foreach callback: decodes one text/* part.
void decode_text_part(GMimeObject* /*parent*/, GMimeObject* part, gpointer data) {
  auto* counts = static_cast<Counts*>(data);
  if (!GMIME_IS_TEXT_PART(part))
    return;
  ++counts->text_parts;
  char* text = g_mime_text_part_get_text(GMIME_TEXT_PART(part));
  if (text == nullptr) {
    ++counts->part_errors;
    return;
  }
  g_free(text);
}

// Reads the headers the Python baseline reads; GMime decodes them as it returns them.
void read_headers(GMimeMessage* message) {
  const char* subject = g_mime_message_get_subject(message);
  InternetAddressList* from = g_mime_message_get_from(message);
  char* from_text =
      from != nullptr ? internet_address_list_to_string(from, nullptr, FALSE) : nullptr;
  const char* id = g_mime_message_get_message_id(message);
  const char* in_reply_to = g_mime_object_get_header(GMIME_OBJECT(message), "In-Reply-To");
  // Keep the reads from being optimised away.
  volatile std::size_t sink = (subject != nullptr ? std::strlen(subject) : 0) +
                              (id != nullptr ? std::strlen(id) : 0) +
                              (in_reply_to != nullptr ? std::strlen(in_reply_to) : 0);
  (void)sink;
  g_free(from_text);
}

int usage() {
  std::fputs("usage: gmime_baseline [--limit M] DUMP.mbox\n", stderr);
  return 2;
}

} // namespace

int main(int argc, char** argv) {
  long limit = 0;
  const char* path = nullptr;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--limit") == 0 && i + 1 < argc) {
      limit = std::strtol(argv[++i], nullptr, 10);
    } else if (path == nullptr && argv[i][0] != '-') {
      path = argv[i];
    } else {
      return usage();
    }
  }
  if (path == nullptr)
    return usage();

  int fd = open(path, O_RDONLY);
  if (fd < 0) {
    std::fprintf(stderr, "gmime_baseline: cannot open %s: %s\n", path, std::strerror(errno));
    return 1;
  }
  g_mime_init();
  GMimeStream* stream = g_mime_stream_fs_new(fd); // owns fd
  GMimeParser* parser = g_mime_parser_new_with_stream(stream);
  g_mime_parser_set_format(parser, GMIME_FORMAT_MBOX);

  Counts counts;
  long messages = 0;
  const auto t0 = std::chrono::steady_clock::now();
  while (!g_mime_parser_eos(parser) && (limit == 0 || messages < limit)) {
    GMimeMessage* message = g_mime_parser_construct_message(parser, nullptr);
    if (message == nullptr)
      break;
    ++messages;
    read_headers(message);
    g_mime_message_foreach(message, decode_text_part, &counts);
    g_object_unref(message);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  // Bytes of the dump the parser went through (the whole file unless --limit stopped it).
  const long long bytes = static_cast<long long>(g_mime_parser_tell(parser));
  g_object_unref(parser);
  g_object_unref(stream);
  g_mime_shutdown();

  std::printf("{\"tool\":\"gmime\",\"messages\":%ld,\"seconds\":%.3f,\"bytes\":%lld,"
              "\"text_parts\":%ld,\"part_errors\":%ld}\n",
              messages, seconds, bytes, counts.text_parts, counts.part_errors);
  return 0;
}
