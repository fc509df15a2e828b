#include "daemon/imap_client.hpp"

#include "daemon/imap_mailbox_name.hpp"
#include "daemon/imap_session.hpp"

#include <algorithm>
#include <cctype>

namespace appeald::daemon {

using imap::OnBrokenFraming;
using imap::Status;

namespace {

// Restarts of a snapshot when another client expunged meanwhile (sequence numbers shifted).
constexpr int kSnapshotAttempts = 3;
// Partial fetch offsets and lengths are 32-bit numbers in IMAP.
constexpr std::size_t kMaxFetchWindow = 0xfffffffeu;
// A FETCH asks for at most this much of a message at once: libcurl 7.88 refuses a transfer whose
// reply lines (which is how a custom command's reply arrives) add up to more than 300 KiB, and it
// counts a long line more than once (200 KB of one line already fails at times).
constexpr std::size_t kFetchChunk = std::size_t{64} << 10;
// Room in a FETCH reply for everything but the message itself.
constexpr std::size_t kFetchOverhead = std::size_t{1} << 16;

ImapError protocol_error(std::string message) {
  return {ImapError::Kind::protocol, std::move(message)};
}

bool has_flag(const std::vector<std::string>& flags, std::string_view flag) {
  return std::ranges::any_of(flags, [&](const std::string& f) {
    return std::ranges::equal(f, flag, [](unsigned char a, unsigned char b) {
      return std::tolower(a) == std::tolower(b);
    });
  });
}

// The FETCH data for `uid` in a reply, if the server sent any.
std::optional<imap::FetchData> fetch_data_for(const std::vector<imap::Response>& responses,
                                              std::uint32_t uid) {
  for (auto& data : imap::parse_fetch(responses)) {
    if (data.uid == uid) {
      return data;
    }
  }
  return std::nullopt;
}

} // namespace

struct ImapClient::Impl {
  explicit Impl(ImapSettings settings) : session(std::move(settings)) {}

  std::expected<MailboxSnapshot, ImapError> snapshot_once();
  std::expected<FetchedMessage, ImapError> fetch_once(std::uint32_t uidvalidity, std::uint32_t uid,
                                                      std::size_t max_bytes);
  std::expected<FetchedMessage, ImapError> fetch_by_url(std::uint32_t uidvalidity,
                                                        std::uint32_t uid, std::size_t window,
                                                        std::size_t max_bytes);
  std::expected<void, ImapError> simple(std::string_view command,
                                        std::optional<std::uint32_t> uidvalidity);

  imap::Session session;
};

ImapClient::ImapClient(ImapSettings settings)
    : impl_(std::make_unique<Impl>(std::move(settings))) {}
ImapClient::ImapClient(ImapClient&&) noexcept = default;
ImapClient& ImapClient::operator=(ImapClient&&) noexcept = default;
ImapClient::~ImapClient() = default;

std::expected<MailboxSnapshot, ImapError> ImapClient::snapshot() {
  return impl_->session.with_retry([&] { return impl_->snapshot_once(); });
}

std::expected<MailboxSnapshot, ImapError> ImapClient::Impl::snapshot_once() {
  for (int attempt = 0; attempt < kSnapshotAttempts; ++attempt) {
    const auto info = session.select();
    if (!info) {
      return std::unexpected(info.error());
    }
    MailboxSnapshot snap{*info->uidvalidity, info->uidnext.value_or(0), *info->exists, {}};
    bool shifted = false;
    for (std::uint32_t lo = 1; lo <= snap.exists && !shifted;) {
      const std::uint32_t hi =
          snap.exists - lo < kSearchWindow ? snap.exists : lo + kSearchWindow - 1;
      const std::string command = "UID SEARCH " + std::to_string(lo) + ":" + std::to_string(hi);
      const auto reply = session.call(command);
      if (!reply) {
        return std::unexpected(reply.error());
      }
      // A reconnect lost the selection; an expunge by someone else renumbered the messages.
      shifted = reply->exchange.new_connection || imap::saw_expunge(reply->responses);
      if (shifted) {
        break;
      }
      if (reply->done.status != Status::ok) {
        return std::unexpected(session.refused(*reply, command));
      }
      const auto found = imap::parse_search(reply->responses);
      if (!found) {
        return std::unexpected(protocol_error("IMAP " + command + ": malformed SEARCH reply"));
      }
      if (found->size() != hi - lo + 1) {
        return std::unexpected(protocol_error("IMAP " + command + " gave " +
                                              std::to_string(found->size()) + " UIDs for " +
                                              std::to_string(hi - lo + 1) + " messages"));
      }
      snap.uids.insert(snap.uids.end(), found->begin(), found->end());
      lo = hi + 1;
    }
    if (shifted) {
      continue;
    }
    std::ranges::sort(snap.uids);
    if (std::ranges::adjacent_find(snap.uids) != snap.uids.end()) {
      return std::unexpected(protocol_error("IMAP UID SEARCH gave a UID twice"));
    }
    session.known_uidvalidity = snap.uidvalidity;
    return snap;
  }
  return std::unexpected(
      protocol_error("IMAP snapshot: the mailbox kept changing while it was listed"));
}

std::expected<FetchedMessage, ImapError>
ImapClient::fetch(std::uint32_t uidvalidity, std::uint32_t uid, std::size_t max_bytes) {
  if (uid == 0) {
    return std::unexpected(protocol_error("IMAP fetch: UID 0 does not exist"));
  }
  return impl_->session.with_retry([&] { return impl_->fetch_once(uidvalidity, uid, max_bytes); });
}

std::expected<FetchedMessage, ImapError>
ImapClient::Impl::fetch_once(std::uint32_t uidvalidity, std::uint32_t uid, std::size_t max_bytes) {
  // One byte more than wanted tells whether there was more.
  const std::size_t window = std::min(max_bytes, kMaxFetchWindow - 1) + 1;
  const std::string id = std::to_string(uid);
  std::string bytes;
  std::optional<std::uint64_t> size;
  do {
    const std::uint64_t end = std::min<std::uint64_t>(size.value_or(window), window);
    const std::uint64_t want = std::min<std::uint64_t>(kFetchChunk, end - bytes.size());
    const std::string command = "UID FETCH " + id + " (UID RFC822.SIZE BODY.PEEK[]<" +
                                std::to_string(bytes.size()) + "." + std::to_string(want) + ">)";
    const auto reply = session.call_in_mailbox(command, uidvalidity, OnBrokenFraming::report,
                                               want + kFetchOverhead);
    if (!reply) {
      return std::unexpected(reply.error());
    }
    session.known_uidvalidity = uidvalidity;
    if (!reply->framed) {
      return fetch_by_url(uidvalidity, uid, window, max_bytes);
    }
    if (reply->done.status != Status::ok) {
      if (reply->done.code == "EXPUNGEISSUED") {
        return std::unexpected(
            ImapError{ImapError::Kind::gone, "IMAP UID " + id + " was expunged"});
      }
      return std::unexpected(session.refused(*reply, command));
    }
    const auto all = imap::parse_fetch(reply->responses);
    const bool malformed =
        std::ranges::any_of(all, [](const imap::FetchData& d) { return d.malformed; });
    const auto data = fetch_data_for(reply->responses, uid);
    if (!data && !malformed) {
      return std::unexpected(
          ImapError{ImapError::Kind::gone, "IMAP UID " + id + " is not in the mailbox"});
    }
    // The literal must be exactly as long as the server said the message is (within the part
    // asked for), at the offset asked for; anything else means the framing slipped, so fetch it
    // again the safe way.
    const bool whole =
        !malformed && data->body && data->rfc822_size && data->body_origin == bytes.size() &&
        (!size || *size == *data->rfc822_size) &&
        data->body->size() == std::min<std::uint64_t>(
                                  want, *data->rfc822_size - std::min<std::uint64_t>(
                                                                 *data->rfc822_size, bytes.size()));
    if (!whole) {
      session.drop(imap::Connection::Goodbye::abrupt);
      return fetch_by_url(uidvalidity, uid, window, max_bytes);
    }
    size = data->rfc822_size;
    bytes += *data->body;
  } while (bytes.size() < std::min<std::uint64_t>(*size, window));
  FetchedMessage message{std::move(bytes), false};
  if (message.bytes.size() > max_bytes) {
    message.bytes.resize(max_bytes);
    message.truncated = true;
  }
  return message;
}

// The slow, safe path: libcurl's own URL fetch reads the literal by its length (and sets \Seen,
// which is taken off again when it was not there before).
std::expected<FetchedMessage, ImapError> ImapClient::Impl::fetch_by_url(std::uint32_t uidvalidity,
                                                                        std::uint32_t uid,
                                                                        std::size_t window,
                                                                        std::size_t max_bytes) {
  const std::string id = std::to_string(uid);
  const auto flags_reply = session.call_in_mailbox("UID FETCH " + id + " (UID FLAGS)", uidvalidity);
  if (!flags_reply) {
    return std::unexpected(flags_reply.error());
  }
  const auto flags = fetch_data_for(flags_reply->responses, uid);
  if (!flags || !flags->flags) {
    return std::unexpected(
        ImapError{ImapError::Kind::gone, "IMAP UID " + id + " is not in the mailbox"});
  }
  const bool was_seen = has_flag(*flags->flags, "\\Seen");
  const auto name = session.watched_name();
  if (!name) {
    return std::unexpected(name.error());
  }
  const std::string path = imap::url_escape(*name) + ";UIDVALIDITY=" + std::to_string(uidvalidity) +
                           "/;UID=" + id + ";PARTIAL=0." + std::to_string(window);
  const imap::Exchange exchange = session.fetch_url(path, window + kFetchOverhead, uidvalidity);
  if (exchange.code == CURLE_REMOTE_FILE_NOT_FOUND) {
    const bool changed = exchange.error.find("UIDVALIDITY") != std::string::npos;
    return std::unexpected(ImapError{
        changed ? ImapError::Kind::uidvalidity_changed : ImapError::Kind::gone,
        changed ? "IMAP UIDVALIDITY changed" : "IMAP UID " + id + " is not in the mailbox"});
  }
  if (exchange.code != CURLE_OK) {
    return std::unexpected(session.error_from(exchange, "URL fetch of UID " + id));
  }
  if (!was_seen) {
    const std::string unsee = "UID STORE " + id + " -FLAGS.SILENT (\\Seen)";
    auto restored = simple(unsee, uidvalidity);
    if (!restored && restored.error().kind == ImapError::Kind::connection) {
      session.drop(imap::Connection::Goodbye::abrupt);
      restored = simple(unsee, uidvalidity);
    }
    if (!restored) {
      return std::unexpected(restored.error());
    }
  }
  FetchedMessage message{exchange.body, false};
  if (message.bytes.size() > max_bytes) {
    message.bytes.resize(max_bytes);
    message.truncated = true;
  }
  return message;
}

std::expected<void, ImapError> ImapClient::Impl::simple(std::string_view command,
                                                        std::optional<std::uint32_t> uidvalidity) {
  const auto reply = session.call_in_mailbox(command, uidvalidity);
  if (!reply) {
    return std::unexpected(reply.error());
  }
  if (reply->done.status != Status::ok) {
    return std::unexpected(session.refused(*reply, command));
  }
  return {};
}

std::expected<void, ImapError> ImapClient::ensure_folder(std::string_view folder) {
  auto& session = impl_->session;
  return session.with_retry([&]() -> std::expected<void, ImapError> {
    const auto name = session.server_name(folder);
    if (!name) {
      return std::unexpected(name.error());
    }
    const auto listed = session.call("LIST \"\" " + imap::quoted(*name));
    if (!listed) {
      return std::unexpected(listed.error());
    }
    const auto entries = imap::parse_list(listed->responses);
    const bool exists = std::ranges::any_of(entries, [&](const imap::ListEntry& e) {
      return e.name == *name && !has_flag(e.attributes, "\\NonExistent") &&
             !has_flag(e.attributes, "\\Noselect");
    });
    if (!exists) {
      const std::string create = "CREATE " + imap::quoted(*name);
      const auto created = session.call(create);
      if (!created) {
        return std::unexpected(created.error());
      }
      if (created->done.status != Status::ok && created->done.code != "ALREADYEXISTS") {
        return std::unexpected(session.refused(*created, create));
      }
    }
    const std::string subscribe = "SUBSCRIBE " + imap::quoted(*name);
    const auto subscribed = session.call(subscribe);
    if (!subscribed) {
      return std::unexpected(subscribed.error());
    }
    if (subscribed->done.status != Status::ok) {
      return std::unexpected(session.refused(*subscribed, subscribe));
    }
    return {};
  });
}

std::expected<void, ImapError> ImapClient::move(std::uint32_t uid, std::string_view folder) {
  auto& session = impl_->session;
  return session.with_retry([&]() -> std::expected<void, ImapError> {
    const auto name = session.server_name(folder);
    if (!name) {
      return std::unexpected(name.error());
    }
    const auto caps = session.capabilities();
    if (!caps) {
      return std::unexpected(caps.error());
    }
    // The UIDVALIDITY the caller's UID belongs to, so a renumbered mailbox never loses a message.
    const std::optional<std::uint32_t> expected =
        session.known_uidvalidity != 0 ? std::optional(session.known_uidvalidity) : std::nullopt;
    const std::string id = std::to_string(uid);
    const std::string target = imap::quoted(*name);
    if (caps->contains("MOVE")) {
      return impl_->simple("UID MOVE " + id + " " + target, expected);
    }
    if (!caps->contains("UIDPLUS")) {
      return std::unexpected(protocol_error(
          "IMAP server has neither MOVE nor UIDPLUS: cannot move one message safely"));
    }
    for (const std::string& step :
         {"UID COPY " + id + " " + target, "UID STORE " + id + " +FLAGS.SILENT (\\Deleted)",
          "UID EXPUNGE " + id}) {
      if (auto done = impl_->simple(step, expected); !done) {
        return done;
      }
    }
    return {};
  });
}

std::expected<void, ImapError> ImapClient::append(std::string_view folder, std::string_view bytes) {
  auto& session = impl_->session;
  const auto name = session.server_name(folder);
  if (!name) {
    return std::unexpected(name.error());
  }
  const imap::Exchange exchange = session.append(imap::url_escape(*name), bytes);
  if (exchange.code != CURLE_OK) {
    return std::unexpected(session.error_from(exchange, "APPEND to " + *name));
  }
  return {};
}

void ImapClient::disconnect() {
  impl_->session.drop(imap::Connection::Goodbye::logout);
}

} // namespace appeald::daemon
