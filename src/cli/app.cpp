#include "cli/app.hpp"

#include "cli/commands.hpp"
#include "cli/completion.hpp"
#include "cli/man_page.hpp"
#include "cli/pflag_args.hpp"
#include "cli/session.hpp"
#include "cli/suggest.hpp"

#include <meshdns/log.hpp>
#include <meshdns/text.hpp>

#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace meshdns::cli {
namespace {

std::string version_line() {
  return std::string("kubectl-meshdns ") + MESHDNS_VERSION + " (commit " + MESHDNS_GIT_COMMIT + ")";
}

// kubectl's global flags, same names and meanings (SPEC §3.1). They are accepted before or after
// the subcommand, as kubectl accepts them.
void add_global_flags(CLI::App& app, GlobalOptions& options) {
  auto& kube = options.kube;
  const char* group = "Global";
  app.add_option("--kubeconfig", kube.kubeconfig, "Path to the kubeconfig file to use")
      ->group(group);
  app.add_option("--context", kube.context, "The name of the kubeconfig context to use")
      ->group(group);
  app.add_option("--cluster", kube.cluster, "The name of the kubeconfig cluster to use")
      ->group(group);
  app.add_option("--user", kube.user, "The name of the kubeconfig user to use")->group(group);
  app.add_option("-n,--namespace", kube.namespace_name, "The namespace scope for this request")
      ->group(group);
  app.add_option("-s,--server", kube.server, "The address and port of the Kubernetes API server")
      ->group(group);
  app.add_option("--token", kube.token, "Bearer token for authentication to the API server")
      ->group(group);
  app.add_option("--certificate-authority", kube.certificate_authority,
                 "Path to a cert file for the certificate authority")
      ->group(group);
  app.add_option("--tls-server-name", kube.tls_server_name,
                 "Server name to use for server certificate validation")
      ->group(group);
  app.add_flag("--insecure-skip-tls-verify", kube.insecure_skip_tls_verify,
               "Do not check the server's certificate (insecure)")
      ->group(group);
  app.add_option("--request-timeout", kube.request_timeout,
                 "How long to wait for one server request (e.g. 1s, 2m; 0 = no limit)")
      ->group(group);
  app.add_option("-v,--v", options.verbosity,
                 "Log level: 6 logs each request, 8 adds bodies (secrets are always masked)")
      ->check(CLI::Range(0, 9))
      ->each([](const std::string& level) { log::set_verbosity(std::stoi(level)); })
      ->group(group);
  app.add_flag("--no-color", options.no_color, "Never colour the output (NO_COLOR works too)")
      ->group(group);
}

// Help in kubectl's style, decided once here for every command:
// - subcommands one line each, the summary (the first line of the description); the rest of a
//   description, examples included, belongs to the command's own --help;
// - an option shows its default the way kubectl does (`--dry-run='none'`, `--zone=[]`,
//   `--in-place=false`), not CLI11's type tags (`TEXT:{none,client,server}`); the values an
//   option takes are in its description, where they read as a sentence.
class KubectlFormatter : public CLI::Formatter {
 public:
  std::string make_subcommand(const CLI::App* sub) const override {
    const std::string& description = sub->get_description();
    std::ostringstream out;
    CLI::detail::format_help(out, sub->get_display_name(true),
                             description.substr(0, description.find('\n')), get_column_width());
    return out.str();
  }

  std::string make_option_opts(const CLI::Option* option) const override {
    if (option->get_positional()) {
      return {};
    }
    const std::string value = option->get_default_str();
    if (option->get_expected_max() == 0) {  // a flag
      return "=false";
    }
    if (option->get_expected_max() > 1 || starts_with(value, "[")) {  // a list
      return "=[]";
    }
    return "='" + value + "'";
  }
};

}  // namespace

int run(int argc, char** argv) {
  Session session;
  CLI::App app{
      "Stable in-cluster DNS aliases for Istio services.\n\n"
      "Maps names such as my-fruits.internal to Kubernetes Services through Istio\n"
      "ServiceEntries and CoreDNS, and checks that they resolve.",
      "kubectl meshdns"};
  app.formatter(std::make_shared<KubectlFormatter>());  // before the subcommands: they copy it
  // Every option remembers its starting value as its default, for the help's `--flag='value'`.
  app.option_defaults()->always_capture_default();
  app.fallthrough();
  app.require_subcommand(1);
  app.set_version_flag("--version", version_line(), "Print the plugin version and exit");
  add_global_flags(app, session.options());

  add_scaffold_command(app, session);
  add_alias_command(app, session);
  add_corefile_command(app, session);
  add_verify_command(app, session);
  add_explain_command(app, session);
  add_config_command(app, session);
  add_version_command(app, session);
  add_completion_command(app);

  // Hidden entry points that read the finished command tree: shell completion and the man page.
  if (is_completion_request(argc, argv)) {
    return run_completion_request(app, argc, argv);
  }
  if (is_man_request(argc, argv)) {
    write_man_page(std::cout, app);
    return 0;
  }

  // pflag's reading of the command line where it differs from CLI11's (-n=NS, bare --dry-run).
  PflagArgs normalized = pflag_args(std::vector<std::string>(argv, argv + argc));
  for (const std::string& warning : normalized.warnings) {
    session.warn(warning);
  }
  std::vector<char*> words;
  for (std::string& word : normalized.args) {
    words.push_back(word.data());
  }
  argc = static_cast<int>(words.size());
  argv = words.data();
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForAllHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForVersion& version) {
    return app.exit(version);
  } catch (const CLI::ParseError& error) {
    // SPEC §4: one line, exit 2, and the way out (the closest command or flag when mistyped).
    std::cerr << paint(session.stderr_colour(), ansi::red, "error:") << ' '
              << describe_parse_error(app, error, argc, argv) << '\n';
    return 2;
  }
  return session.exit_code();
}

}  // namespace meshdns::cli
