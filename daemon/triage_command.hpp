#pragma once
// `appeald triage list|show|raw|assign|dismiss`: the messages appeald could not file into a case
// (action triage: unmatched, an untrusted sender match, nothing to assess, truncated, past the
// reply budget), for a person to read and decide. A triage ID is the stored message's id.
#include <CLI/CLI.hpp>

#include <functional>

namespace appeald::daemon {

// Registers `triage` and its sub-commands on `app`; the returned callable runs whichever was given
// and returns the exit code. Every sub-command takes --config FILE (required); the store is the
// config's [store] path. None touches IMAP or sends mail: a message stays in the triage folder,
// and mail an assignment queues is sent by the running daemon (or the next `run --once`).
//
// list [--state open|assigned|dismissed|all] [--json]: the items in that state (default open),
//   oldest first (daemon/triage_view.hpp), as a table (ID RECEIVED FROM SUBJECT CASE REASON, with
//   STATE for other states) or a JSON array.
// show ID [--json]: everything about the message an operator needs (daemon/triage_show.hpp).
// raw ID: the message's stored bytes on stdout, exactly.
// assign ID --case CASE [--note TEXT] [--actor NAME] [--json]: judges the message as the case's
//   (MailIntake::assign), queues the reply that follows as for any message, records the decision,
//   appends the audit events to the audit log file, and prints what was queued.
// dismiss ID --reason TEXT [--actor NAME] [--json]: records the decision and audits "dismissed";
//   no mail.
// --actor (alias --reviewer) defaults to the login name, else $USER, else "unknown".
// Exit 0 on success, 1 on a runtime failure (unknown id, not a triage item, already decided,
// unknown or closed case, unreadable config or store), 2 on a usage error (CLI11's, a non-numeric
// ID, an empty --case/--reason/--actor); errors are one line on stderr prefixed
// "appeald triage: ".
std::function<int()> add_triage_command(CLI::App& app);

} // namespace appeald::daemon
