#include <meshdns/manifest/service_entry.hpp>
#include <meshdns/text.hpp>

#include <cstdint>

namespace meshdns::manifest {

namespace {

constexpr std::size_t k_max_name = 63;    // a label, so the name also fits label values and hosts
constexpr std::size_t k_hash_suffix = 9;  // "-" + 8 hex digits

// FNV-1a: tiny, stable across platforms and releases, which is all a name suffix needs.
std::uint32_t fnv1a(std::string_view text) {
  std::uint32_t hash = 2166136261U;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 16777619U;
  }
  return hash;
}

std::string hex8(std::uint32_t value) {
  constexpr std::string_view k_digits = "0123456789abcdef";
  std::string out(8, '0');
  for (int i = 7; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = k_digits[value & 0xFU];
    value >>= 4U;
  }
  return out;
}

std::string trim_dashes(std::string text) {
  while (!text.empty() && text.back() == '-') {
    text.pop_back();
  }
  std::size_t first = 0;
  while (first < text.size() && text[first] == '-') {
    ++first;
  }
  return text.substr(first);
}

}  // namespace

std::string service_entry_name(std::string_view fqdn, NameForm form) {
  std::string readable;
  readable.reserve(fqdn.size());
  for (const char c : to_lower(fqdn)) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    readable.push_back(keep ? c : '-');
  }
  readable = trim_dashes(std::move(readable));
  if (form == NameForm::readable && !readable.empty() && readable.size() <= k_max_name) {
    return readable;
  }
  const std::size_t room = k_max_name - k_hash_suffix;
  std::string prefix = trim_dashes(readable.substr(0, room));
  if (prefix.empty()) {
    prefix = "alias";
  }
  return cat(prefix, "-", hex8(fnv1a(fqdn)));
}

}  // namespace meshdns::manifest
