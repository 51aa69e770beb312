#include "cli/corefile_file.hpp"

#include "cli/session.hpp"

#include <meshdns/colour.hpp>
#include <meshdns/io/file.hpp>
#include <meshdns/text.hpp>
#include <meshdns/unified_diff.hpp>

#include <iostream>
#include <string_view>

namespace meshdns::cli {
namespace {

// The engine names lines; the user also needs to know which file.
Error in_file(const std::string& path, Error error) {
  error.what = cat(path, ": ", error.what);
  return error;
}

void print(std::string_view bytes) {
  std::cout.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

Result<std::string> edit(const CorefileFileJob& job, const std::string& corefile) {
  const bool unpatch = job.action == CorefileAction::unpatch;
  Result<std::string> edited = job.backend == FileBackend::coredns
                                   ? (unpatch ? corefile::unpatch_rewrites(corefile, job.rewrites)
                                              : corefile::patch_rewrites(corefile, job.rewrites))
                                   : (unpatch ? corefile::unpatch(corefile, job.options)
                                              : corefile::patch(corefile, job.options));
  if (!edited) {
    return in_file(job.path, std::move(edited).error());
  }
  return edited;
}

void write_back(const CorefileFileJob& job, const io::FileForEdit& before, const std::string& after,
                Session& session) {
  const std::string_view done = job.action == CorefileAction::unpatch ? "unpatched" : "patched";
  if (after == before.bytes) {
    // Not rewriting keeps the file's timestamps, so watchers (CoreDNS's reload) see no change.
    session.note(cat(job.path, ": unchanged (already ", done, ")"));
    return;
  }
  if (Result<void> written = io::replace_file(job.path, before, after); !written) {
    session.fail(written.error());
    return;
  }
  session.note(cat(job.path, ": ", done, " in place"));
}

void lint_file(const CorefileFileJob& job, const std::string& corefile, Session& session) {
  const std::vector<corefile::Finding> findings =
      corefile::lint(corefile, job.options.coredns_version);
  std::size_t errors = 0;
  std::string out;
  for (const corefile::Finding& finding : findings) {
    const bool is_error = finding.severity == corefile::Severity::error;
    errors += is_error ? 1 : 0;
    out += cat(job.path, ':', finding.line, ": ", is_error ? "" : "warning: ", finding.message);
    out += finding.fix.empty() ? std::string("\n") : cat(" (", finding.fix, ")\n");
  }
  print(out);
  const std::string version = job.options.coredns_version.str();
  if (findings.empty()) {
    session.note(cat(job.path, ": no problems for CoreDNS ", version));
  } else {
    session.note(cat(job.path, ": ", errors, " error(s), ", findings.size() - errors,
                     " warning(s) for CoreDNS ", version));
  }
  session.set_exit_code(errors > 0 ? 1 : 0);
}

void diff_file(const CorefileFileJob& job, const std::string& corefile, Session& session) {
  const Result<std::string> patched = edit(job, corefile);
  if (!patched) {
    session.fail(patched.error());
    session.set_exit_code(2);  // 1 means "changes" here, so every failure is 2, as kubectl diff
    return;
  }
  const std::string diff = unified_diff(corefile, *patched, {job.path, job.path});
  print(colour_diff(session.stdout_colour(), diff));
  session.set_exit_code(diff.empty() ? 0 : 1);
}

}  // namespace

void run_corefile_on_file(const CorefileFileJob& job, Session& session) {
  const Result<io::FileForEdit> read = io::read_for_edit(job.path);
  if (!read) {
    session.fail(read.error());
    return;
  }
  const std::string* corefile = &read->bytes;
  switch (job.action) {
    case CorefileAction::lint:
      lint_file(job, *corefile, session);
      return;
    case CorefileAction::diff:
      diff_file(job, *corefile, session);
      return;
    case CorefileAction::patch:
    case CorefileAction::unpatch:
      break;
    case CorefileAction::show:
    case CorefileAction::rollback:
    case CorefileAction::status:
      // corefile_command.cpp offers --file on patch, unpatch, lint and diff only.
      session.fail(fail(Errc::usage, "this corefile subcommand does not take --file"));
      return;
  }
  const Result<std::string> edited = edit(job, *corefile);
  if (!edited) {
    session.fail(edited.error());
    return;
  }
  if (job.in_place == InPlace::yes) {
    write_back(job, *read, *edited, session);
  } else {
    print(*edited);
  }
}

}  // namespace meshdns::cli
