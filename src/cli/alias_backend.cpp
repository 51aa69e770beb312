#include "cli/alias_backend.hpp"

#include "cli/dns_snapshot.hpp"
#include "cli/session.hpp"

#include <meshdns/log.hpp>
#include <meshdns/text.hpp>

#include <utility>

namespace meshdns::cli {

std::pair<std::string, std::string> service_of_target(const std::string& target) {
  const std::size_t first = target.find('.');
  if (first == std::string::npos) {
    return {target, ""};
  }
  const std::size_t second = target.find('.', first + 1);
  return {target.substr(0, first),
          target.substr(first + 1,
                        second == std::string::npos ? std::string::npos : second - first - 1)};
}

Result<AliasBackend> choose_alias_backend(Session& session, ObjectSource& source,
                                          const std::string& flag, Announce announce) {
  Result<cluster_dns::Backend> requested = cluster_dns::parse_backend(flag);
  if (!requested) {
    return std::move(requested).error();
  }
  AliasBackend out;
  Result<cluster_dns::Snapshot> snapshot = read_dns_snapshot(source);
  if (snapshot) {
    out.snapshot = std::move(*snapshot);
  } else if (*requested == cluster_dns::Backend::istiocoredns ||
             *requested == cluster_dns::Backend::dns_proxy) {
    log::write(1, cat("the DNS configuration cannot be read (", format_error(snapshot.error()),
                      "); --backend ", flag, " needs only Istio's ServiceEntry"));
    Result<std::vector<std::string>> served = source.served_versions("networking.istio.io");
    if (!served) {
      return std::move(served).error();
    }
    out.snapshot.istio_versions = std::move(*served);
  } else {
    Error error = std::move(snapshot).error();
    error.fix += "; or pass --backend dns-proxy to apply the ServiceEntry alone";
    return error;
  }
  Result<cluster_dns::BackendChoice> choice = cluster_dns::choose_backend(out.snapshot, *requested);
  if (!choice) {
    return std::move(choice).error();
  }
  out.choice = std::move(*choice);
  if (announce == Announce::no) {
    return out;
  }
  session.note(cluster_dns::describe(out.choice));
  for (const std::string& warning : out.choice.warnings) {
    session.warn(warning);
  }
  return out;
}

}  // namespace meshdns::cli
