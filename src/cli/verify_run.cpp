#include "cli/verify_run.hpp"

#include "cli/session.hpp"
#include "cli/verify_checker.hpp"
#include "cli/verify_cluster.hpp"
#include "cli/verify_replicas.hpp"
#include "cli/verify_sources.hpp"

#include <meshdns/dns/resolver.hpp>
#include <meshdns/text.hpp>
#include <meshdns/verify/duration.hpp>
#include <meshdns/verify/report.hpp>

#include <iostream>
#include <memory>
#include <optional>

namespace meshdns::cli {
namespace {

struct Settings {
  dns::ResolverOptions resolver;
  verify::Schedule schedule;
};

Result<Settings> settings_from(const VerifyOptions& options) {
  Settings settings;
  for (const auto& text : options.servers) {
    auto server = dns::parse_server(text);
    if (!server) {
      return std::move(server).error();
    }
    settings.resolver.servers.push_back(*server);
  }
  settings.resolver.transport = options.tcp ? dns::Transport::tcp : dns::Transport::udp;
  settings.resolver.concurrency = options.concurrency;
  settings.resolver.tries = options.tries;
  auto query_timeout = verify::parse_duration(options.query_timeout, "--query-timeout");
  auto timeout = verify::parse_duration(options.timeout, "--timeout");
  auto interval = verify::parse_duration(options.interval, "--interval");
  for (const auto* parsed : {&query_timeout, &timeout, &interval}) {
    if (!*parsed) {
      return parsed->error();
    }
  }
  if (query_timeout->count() == 0 || interval->count() == 0) {
    return fail(Errc::usage, "--query-timeout and --interval must be longer than 0",
                "a zero wait would spin", "give e.g. --query-timeout 2s --interval 5s");
  }
  if ((options.via_cluster || !options.pods.empty()) && !options.servers.empty()) {
    return fail(Errc::usage, "--server cannot be combined with --via-cluster or --pod",
                "they choose different DNS servers", "give one of them");
  }
  settings.resolver.query_timeout = *query_timeout;
  settings.schedule = {*timeout, *interval};
  return settings;
}

Result<std::vector<verify::Expectation>> expectations_for(Session& session,
                                                          const VerifyOptions& options) {
  auto gathered = gather_expectations(options, std::cin);
  if (!gathered) {
    return std::move(gathered).error();
  }
  for (const auto& warning : gathered->warnings) {
    session.warn(warning);
  }
  if (!gathered->expectations.empty() && !options.all_namespaces) {
    return std::move(gathered->expectations);
  }
  auto source = make_cluster_source(session, options.all_namespaces);
  if (!source) {
    return std::move(source).error();
  }
  return (*source)->expectations();
}

// On a terminal one line rewritten in place; in CI (no TTY) a plain line per round, and nothing
// for a single round, whose report says it all.
std::function<void(const verify::Progress&)> progress_printer(const Session& session,
                                                              const verify::Schedule& schedule) {
  if (schedule.timeout.count() == 0) {
    return {};
  }
  const bool live = session.stderr_is_terminal();
  return [live, interval = schedule.interval](const verify::Progress& progress) {
    std::string line =
        cat("verify: round ", progress.round, ": ", progress.passed, '/', progress.total, " pass");
    if (!progress.last) {
      line += cat("; re-checking ", progress.total - progress.passed, " in ",
                  verify::format_duration(interval), " (", verify::format_duration(progress.left),
                  " left)");
    }
    if (live) {
      std::cerr << "\r\033[K" << line << (progress.last ? "\n" : "") << std::flush;
    } else {
      std::cerr << line << '\n';
    }
  };
}

std::string render(const verify::Report& report, const std::string& output, Colour colour) {
  if (output == "json") {
    return verify::render_json(report);
  }
  if (output == "junit") {
    return verify::render_junit(report);
  }
  return verify::render_text(report, colour);
}

}  // namespace

Result<void> run_verify(Session& session, const VerifyOptions& options) {
  auto settings = settings_from(options);
  if (!settings) {
    return std::move(settings).error();
  }
  auto expectations = expectations_for(session, options);
  if (!expectations) {
    return std::move(expectations).error();
  }
  // One checker per kind of resolver: the local one, or one per replica through port-forwards.
  std::optional<dns::Resolver> resolver;
  std::unique_ptr<verify::Checker> checker;
  if (options.via_cluster || !options.pods.empty()) {
    auto replicas = ReplicaChecker::open(session, options, settings->resolver);
    if (!replicas) {
      return std::move(replicas).error();
    }
    *expectations = verify::per_replica(*expectations, (*replicas)->labels());
    checker = std::move(*replicas);
  } else {
    auto created = dns::Resolver::create(settings->resolver);
    if (!created) {
      return std::move(created).error();
    }
    resolver.emplace(std::move(*created));
    checker = std::make_unique<DnsChecker>(*resolver);
  }
  SteadyClock clock;
  const verify::Report report =
      verify::run_rounds(*expectations, *checker, clock, settings->schedule,
                         progress_printer(session, settings->schedule));
  std::cout << render(report, options.output, session.stdout_colour()) << std::flush;
  if (options.output != "text") {
    session.note(verify::summary_line(report));  // the document owns stdout; people read stderr
  }
  if (!report.all_passed()) {
    session.set_exit_code(exit_code(Errc::check_failed));
  }
  return {};
}

}  // namespace meshdns::cli
