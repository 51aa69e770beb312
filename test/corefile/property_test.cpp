// Property: for random user Corefiles built from corpus-like blocks, with the zone already present
// in various shapes (its own block, a block keyed with other zones, an except listing it, a proxy
// line, comments, CRLF, tabs), patch either refuses or keeps every original line byte for byte,
// and unpatch gives the input back; with --force, unpatch gives the input back too. Seeded and
// bounded, so a failure names its seed and repeats.

#include <meshdns/corefile/engine.hpp>
#include <meshdns/result.hpp>
#include <meshdns/text.hpp>

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace meshdns::corefile {
namespace {

// Blocks in the shapes the corpus holds; "I" is the indent unit, replaced per file.
const std::vector<std::string_view> k_catch_alls = {
    ".:53 {\nIerrors\nIhealth\nIkubernetes cluster.local in-addr.arpa ip6.arpa {\nIIpods "
    "insecure\nI}\nIforward . /etc/resolv.conf\nIcache 30\nIreload\n}\n",
    ".:53 {\nIerrors\nIgrpc global 127.0.0.1:8053\nIforward . /etc/resolv.conf {\nIIexcept "
    "global\nI}\nIcache 30\n}\n",
    ".:53 {\nIerrors\nIforward . /etc/resolv.conf {\nIIexcept global internal\nI}\n}\n",
    ".:53 internal:53 {\nIerrors\nIkubernetes cluster.local\nIforward . /etc/resolv.conf\n}\n",
    ". {\nIlog\nIproxy . /etc/resolv.conf\n} # catch-all\n",
};
const std::vector<std::string_view> k_others = {
    "consul.local:53 {\nIerrors\nIcache 30\nIforward . 10.150.0.1\n}\n",
    "# corp resolvers\ninternal:53 {\nIerrors\nIforward . 10.1.1.1 10.1.1.2 # two\n}\n",
    "internal {\nIlog\n}\n",
    "corp.example:53 internal:53 {\nIforward . 10.2.2.2\n}\n",
    "example.org {\nIfile /etc/coredns/example.org.db\n}\n",
    "(snippet) {\nIlog\n}\n",
    "# a comment between blocks\n",
};

struct Generated {
  std::string text;
  Kind kind;
  Version version;
};

Generated generate(std::mt19937& random) {
  const auto pick = [&](std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(random);
  };
  const std::string indent = std::vector<std::string>{"    ", "  ", "\t"}[pick(3)];
  const std::string newline = pick(4) == 0 ? "\r\n" : "\n";
  const bool blank = pick(2) == 0;
  std::vector<std::string_view> blocks = {k_catch_alls[pick(k_catch_alls.size())]};
  const std::size_t extra = pick(4);
  for (std::size_t i = 0; i < extra; ++i) {
    const std::size_t at = pick(blocks.size() + 1);
    blocks.insert(blocks.begin() + static_cast<long>(at), k_others[pick(k_others.size())]);
  }
  std::string text;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (i > 0 && blank) {
      text += "\n";
    }
    for (const char c : blocks[i]) {
      if (c == 'I') {
        text += indent;
      } else {
        text += c;
      }
    }
  }
  std::string out;
  for (const char c : text) {
    out += c == '\n' ? newline : std::string(1, c);
  }
  if (pick(5) == 0 && !out.empty()) {
    out.erase(out.size() - newline.size());  // no final newline
  }
  const Kind kinds[] = {Kind::kube_dns, Kind::istiocoredns, Kind::istiocoredns};
  const Version versions[] = {{1, 6, 2}, {1, 1, 2}, {1, 6, 2}};
  const std::size_t k = pick(3);
  return {out, kinds[k], versions[k]};
}

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> out;
  for (std::string_view line : split(text, '\n')) {
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    out.push_back(line);
  }
  return out;
}

// Every line of `original` appears in `patched`, in order, unchanged. The one line patch extends
// is a catch-all `forward . TO` without a sub-block: it gets ` {` for patch's except line (its
// bytes up to there, and a comment after, stay).
bool keeps_every_line(std::string_view original, std::string_view patched) {
  const std::vector<std::string_view> before = lines_of(original);
  const std::vector<std::string_view> after = lines_of(patched);
  std::size_t at = 0;
  for (const std::string_view line : before) {
    const std::string_view code = trim(line.substr(0, line.find(" #")));
    const auto same = [&](std::string_view candidate) {
      return candidate == line || (starts_with(code, "forward . ") &&
                                   candidate.find(cat(code, " {")) != std::string_view::npos);
    };
    while (at < after.size() && !same(after[at])) {
      ++at;
    }
    if (at == after.size()) {
      return false;
    }
    ++at;
  }
  return true;
}

TEST_CASE("corefile::patch property: refuse, or keep every line and reverse exactly",
          "[corefile][property]") {
  constexpr unsigned k_cases = 1500;
  int patched_count = 0;
  int refused_count = 0;
  for (unsigned seed = 1; seed <= k_cases; ++seed) {
    std::mt19937 random(seed);
    const Generated input = generate(random);
    INFO("seed " << seed << "\n" << input.text);
    PatchOptions options;
    options.kind = input.kind;
    options.coredns_version = input.version;
    options.upstream = input.kind == Kind::kube_dns ? "10.96.0.60" : "";
    const bool lints = [&] {
      for (const Finding& finding : lint(input.text, input.version)) {
        if (finding.severity == Severity::error) {
          return false;
        }
      }
      return true;
    }();
    const Result<std::string> patched = patch(input.text, options);
    if (!patched) {
      ++refused_count;
      CHECK(patched.error().code == Errc::refused);
      CHECK(starts_with(patched.error().why, "line "));  // names the line, and a fix
      CHECK_FALSE(patched.error().fix.empty());
    } else {
      ++patched_count;
      CHECK(keeps_every_line(input.text, *patched));
      CHECK(unpatch(*patched, options).value() == input.text);
    }
    if (!lints) {
      continue;
    }
    options.force = Force::yes;
    const Result<std::string> forced = patch(input.text, options);
    if (forced) {
      CHECK(patch(*forced, options).value() == *forced);
      CHECK(unpatch(*forced, options).value() == input.text);
    } else {
      // Only what cannot be set aside on lines of its own, or a file CoreDNS would refuse.
      CHECK(forced.error().code == Errc::refused);
    }
  }
  CHECK(patched_count > 100);
  CHECK(refused_count > 100);
}

}  // namespace
}  // namespace meshdns::corefile
