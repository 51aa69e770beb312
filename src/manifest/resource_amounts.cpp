#include <meshdns/manifest/resource_amounts.hpp>
#include <meshdns/text.hpp>

namespace meshdns::manifest {

Result<ResourceAmounts> parse_resource_amounts(std::string_view text,
                                               const ResourceAmounts& defaults,
                                               std::string_view flag) {
  ResourceAmounts amounts = defaults;
  auto bad = [&](std::string why) {
    return fail(Errc::usage, cat(flag, " \"", text, "\" is not valid"), std::move(why),
                cat("write it as ", flag, " cpu=500m,memory=256Mi"));
  };
  for (const std::string_view pair : split(text, ',')) {
    const std::string_view trimmed = trim(pair);
    const std::size_t equals = trimmed.find('=');
    if (equals == std::string_view::npos) {
      return bad(cat("\"", trimmed, "\" is not NAME=QUANTITY"));
    }
    const std::string_view name = trim(trimmed.substr(0, equals));
    const std::string_view quantity = trim(trimmed.substr(equals + 1));
    if (quantity.empty()) {
      return bad(cat(name, " has no quantity"));
    }
    if (name == "cpu") {
      amounts.cpu = std::string(quantity);
    } else if (name == "memory") {
      amounts.memory = std::string(quantity);
    } else {
      return bad(cat("\"", name, "\" is not cpu or memory"));
    }
  }
  return amounts;
}

}  // namespace meshdns::manifest
