#pragma once

// Which server block of a Corefile CoreDNS hands a query to, and in which order that block's
// plugins see it: the part of `explain` that reads a Corefile. Pure: text in, values out.
//
// CoreDNS groups server blocks by transport and port (one server per address), then for each query
// walks the name from the full name towards its parent labels and takes the first zone it serves:
// the longest match, with the root zone "." as the last resort (core/dnsserver/server.go,
// ServeDNS). Inside the block, plugins run in plugin.cfg order, not in the order they are written.

#include <meshdns/corefile/version.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace meshdns::corefile {

struct RouteQuery {
  std::string name;               // the name asked, any case, trailing dot optional
  std::string transport = "dns";  // "dns", "tls", "grpc", "https", "quic"
  std::string port = "53";        // where the query arrives
  std::string listen_address;     // the address it arrives at; "" when any (bind not checked)
};

struct RoutedPlugin {
  std::string name;
  std::vector<std::string> args;  // on the directive's line(s), quotes removed
  // The lines of its { } sub-block, each as words: {"except", "internal"}, {"protocol", "grpc"}.
  std::vector<std::vector<std::string>> options;
  std::size_t line = 0;  // 1-based
  bool known = false;    // in the stock build of that CoreDNS release
};

struct Route {
  std::size_t block = 0;          // index among the Corefile's server blocks, in file order
  std::size_t line = 0;           // 1-based line of the block's keys
  std::string key;                // the key that matched, as written ("internal:53", ".:53")
  std::string zone;               // its zone, fully qualified ("internal.", ".")
  std::vector<std::string> keys;  // every key of the block, as written
  // More than one block serves that zone and port, told apart by `view` filters on the client:
  // which one answers depends on who asks. `block` is the first in file order.
  bool depends_on_view = false;
  // The block has `bind` arguments that are not IP literals (interface names): whether it listens
  // on the query's address cannot be told from the Corefile alone.
  bool bind_unresolved = false;
  std::vector<RoutedPlugin> plugins;  // plugin.cfg order of `version`; unknown directives last
  std::vector<std::string> imports;   // `import` lines of the block: plugins we cannot see
};

// The block CoreDNS picks for `query`, or nullopt when no block serves the name on that transport,
// port and address (CoreDNS then answers REFUSED). Total: any bytes in. Keys holding {$ENV}
// placeholders are skipped (CoreDNS expands them at load time); CIDR keys serve reverse names only.
std::optional<Route> route(std::string_view corefile, const RouteQuery& query, Version version);

}  // namespace meshdns::corefile
