#pragma once
// `appeald cases import --config FILE CASES.jsonl` loads notices sent elsewhere into the store;
// `appeald cases list --config FILE [--json]` lists the store's cases with their state.
#include <CLI/CLI.hpp>

#include <functional>

namespace appeald::daemon {

// Registers `cases` and its two sub-commands on `app`; the returned callable runs whichever was
// given and returns the exit code. The store is the config's [store] path.
//
// import: reads the cases file (config/cases_file.hpp) and upserts every case by id in one
// transaction, so a bad file imports nothing. Prints "imported N cases (A added, U updated,
// K unchanged)". Writes no audit event (the contract has none for an import).
// list: an aligned table (CASE ACCOUNT ADDRESS KIND ISSUE SENT DEADLINE STATE MSGS REPLIES LAST),
// or with --json a JSON array of objects: case, account, address, kind, issue, sent_at, deadline,
// representative, state ("open", or "closed" once a decision closed it), messages, auto_replies,
// last_action (null before the first message), plus closed_at and last_received_at. Times are
// RFC 3339; notice times in the zone they were written in.
// Exit 1 when the config, cases file or store cannot be read or written, with one line on stderr
// prefixed "appeald cases: ".
std::function<int()> add_cases_command(CLI::App& app);

} // namespace appeald::daemon
