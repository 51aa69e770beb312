#include "cli/commands.hpp"
#include "cli/session.hpp"
#include "cli/verify_options.hpp"
#include "cli/verify_run.hpp"

#include <CLI/CLI.hpp>

#include <memory>

namespace meshdns::cli {

void add_verify_command(CLI::App& root, Session& session) {
  auto options = std::make_shared<VerifyOptions>();
  auto* cmd = root.add_subcommand(
      "verify",
      "Resolve aliases with c-ares and check the addresses they answer\n\n"
      "Exit status: 0 every name passes, 1 any name fails, 2 usage or configuration error.");
  cmd->footer(
      "Examples:\n"
      "  kubectl meshdns verify my-fruits.internal --expect 10.96.0.50\n"
      "  kubectl meshdns verify -A --timeout 5m -o junit > meshdns-junit.xml\n"
      "  kubectl meshdns verify -f names.txt --server 10.96.0.10\n"
      "  kubectl meshdns verify -A --via-cluster --timeout 5m   # from a runner outside the "
      "cluster\n"
      "  kubectl meshdns verify my-fruits.internal --pod shop/web-7d4b9c-x2k8p\n");
  cmd->add_option("names", options->names, "FQDNs to check (e.g. my-fruits.internal)");
  const char* names = "Names and expectations";
  cmd->add_option("-f,--file", options->file,
                  "Read names from FILE, one 'NAME [IP...]' a line, '#' comments; '-' for stdin")
      ->group(names);
  cmd->add_option("--expect", options->expect,
                  "Address the single name must resolve to (repeatable for several)")
      ->expected(1)  // one value per flag, so a name after it stays a name
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->allow_extra_args(false)
      ->group(names);
  cmd->add_option("--from-manifests", options->from_manifests,
                  "Read ServiceEntries and Services from a YAML file or folder instead of the "
                  "cluster")
      ->group(names);
  cmd->add_flag("-A,--all-namespaces", options->all_namespaces,
                "Check the aliases of every namespace")
      ->group(names);
  const char* resolution = "Resolution";
  cmd->add_option("--server", options->servers,
                  "DNS server HOST[:PORT] ([::1]:5353 for IPv6), repeatable; default: "
                  "/etc/resolv.conf")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->allow_extra_args(false)
      ->group(resolution);
  cmd->add_flag("--tcp", options->tcp, "Query over TCP instead of UDP")->group(resolution);
  auto* via_cluster =
      cmd->add_flag("--via-cluster", options->via_cluster,
                    "Ask each ready kube-dns pod (Service kube-system/kube-dns) through the API "
                    "server's port-forward, over TCP; report every name per replica")
          ->group(resolution);
  auto* pods = cmd->add_option("--pod", options->pods,
                               "Ask this pod's Istio agent DNS proxy (NS/NAME, or NAME in -n's "
                               "namespace) through a port-forward, repeatable")
                   ->expected(1)
                   ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
                   ->allow_extra_args(false)
                   ->group(resolution);
  cmd->add_option("--pod-port", options->pod_port, "Port of --pod's DNS proxy")
      ->check(CLI::Range(1, 65535))
      ->capture_default_str()
      ->group(resolution);
  via_cluster->excludes(pods);
  cmd->add_option("--concurrency", options->concurrency, "Queries in flight at most")
      ->check(CLI::Range(1, 65535))
      ->capture_default_str()
      ->group(resolution);
  cmd->add_option("--query-timeout", options->query_timeout,
                  "Wait this long for one answer (500ms, 2s...)")
      ->capture_default_str()
      ->group(resolution);
  cmd->add_option("--tries", options->tries, "Sends per query before it times out")
      ->check(CLI::Range(1, 10))
      ->capture_default_str()
      ->group(resolution);
  const char* retries = "Retries and output";
  cmd->add_option("--timeout", options->timeout,
                  "Keep re-checking failing names until all pass or this much time passed (0: "
                  "one round; e.g. 5m in CI)")
      ->capture_default_str()
      ->group(retries);
  cmd->add_option("--interval", options->interval, "Wait between rounds")
      ->capture_default_str()
      ->group(retries);
  cmd->add_option("-o,--output", options->output, "Output format: text, json or junit")
      ->check(CLI::IsMember({"text", "json", "junit"}))
      ->capture_default_str()
      ->group(retries);
  cmd->callback([&session, options] { session.finish(run_verify(session, *options)); });
}

}  // namespace meshdns::cli
