#include "cli/pflag_args.hpp"

#include <meshdns/text.hpp>

#include <cstddef>
#include <string_view>

namespace meshdns::cli {
namespace {

bool is_dry_run_mode(std::string_view word) {
  return word == "none" || word == "client" || word == "server";
}

}  // namespace

PflagArgs pflag_args(std::vector<std::string> args) {
  PflagArgs out;
  out.args.reserve(args.size());
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string& arg = args[i];
    if (i == 0) {
      out.args.push_back(std::move(arg));
      continue;
    }
    if (arg == "--") {
      for (; i < args.size(); ++i) {
        out.args.push_back(std::move(args[i]));
      }
      break;
    }
    // -n=NS -> -nNS, which CLI11 reads as -n NS (and still as NS when NS starts with '=').
    if (arg.size() >= 3 && arg[0] == '-' && arg[1] != '-' && arg[2] == '=') {
      out.args.push_back(cat(arg.substr(0, 2), arg.substr(3)));
      continue;
    }
    if (arg == "--dry-run" && (i + 1 == args.size() || !is_dry_run_mode(args[i + 1]))) {
      out.warnings.emplace_back(
          "--dry-run is deprecated and can be replaced with --dry-run=client.");
      out.args.emplace_back("--dry-run=client");
      continue;
    }
    if (arg == "--dry-run=true" || arg == "--dry-run=false") {
      const bool on = arg == "--dry-run=true";
      out.warnings.push_back(cat(arg, " is deprecated (boolean value) and can be replaced with ",
                                 on ? "--dry-run=client." : "--dry-run=none."));
      out.args.emplace_back(on ? "--dry-run=client" : "--dry-run=none");
      continue;
    }
    out.args.push_back(std::move(arg));
  }
  return out;
}

}  // namespace meshdns::cli
