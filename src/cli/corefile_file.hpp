#pragma once

// `corefile ... --file PATH`: the Corefile subcommands on a local file instead of the cluster.

#include <meshdns/corefile/engine.hpp>
#include <meshdns/corefile/rewrite.hpp>

#include <cstdint>
#include <string>

namespace meshdns::cli {

class Session;

// Every `corefile` subcommand; show, rollback and status exist in cluster mode only.
enum class CorefileAction : std::uint8_t { patch, unpatch, lint, diff, show, rollback, status };
enum class InPlace : bool { no, yes };

// What a file-mode edit writes: istiocoredns's zone routing (--zone, --upstream, --kind), or the
// coredns backend's rewrite lines (--alias).
enum class FileBackend : std::uint8_t { istiocoredns, coredns };

struct CorefileFileJob {
  CorefileAction action = CorefileAction::patch;
  std::string path;
  FileBackend backend = FileBackend::istiocoredns;
  corefile::PatchOptions options;     // zones, upstream, version already checked
  corefile::RewriteOptions rewrites;  // coredns backend: aliases, the same version
  InPlace in_place = InPlace::no;
};

// Reads the file, runs the engine, prints the result to stdout (diagnostics to stderr) and records
// the exit code on the session. patch/unpatch: the new Corefile, or with InPlace::yes an atomic
// rewrite only when it changed. diff: a unified diff of what patch would change; exit 0 none, 1
// some, 2 on any error (as `kubectl diff`). lint: one "PATH:LINE: ..." line per finding; exit 1
// when any is an error. The file is never written when the engine refuses.
void run_corefile_on_file(const CorefileFileJob& job, Session& session);

}  // namespace meshdns::cli
