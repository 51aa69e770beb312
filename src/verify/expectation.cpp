#include <meshdns/text.hpp>
#include <meshdns/verify/expectation.hpp>

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <unordered_map>

namespace meshdns::verify {
namespace {

constexpr std::size_t k_max_label = 63;
constexpr std::size_t k_max_name = 253;

bool is_label_byte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

// Why `label` is not a valid lower-case DNS label; empty when it is.
std::string label_problem(std::string_view label) {
  if (label.empty()) {
    return "it has an empty label";
  }
  if (label.size() > k_max_label) {
    return cat("the label \"", label, "\" is longer than 63 bytes");
  }
  if (label.front() == '-' || label.back() == '-') {
    return cat("the label \"", label, "\" starts or ends with '-'");
  }
  for (const char c : label) {
    if (c >= 'A' && c <= 'Z') {
      return "it has upper-case letters";
    }
    if (!is_label_byte(c)) {
      return cat("the label \"", label, "\" has '", c, "', not a letter, digit or '-'");
    }
  }
  return {};
}

std::vector<std::string> split_fields(std::string_view line) {
  std::vector<std::string> fields;
  std::size_t at = 0;
  while (at < line.size()) {
    while (at < line.size() && (line[at] == ' ' || line[at] == '\t')) {
      ++at;
    }
    const std::size_t start = at;
    while (at < line.size() && line[at] != ' ' && line[at] != '\t') {
      ++at;
    }
    if (at > start) {
      fields.emplace_back(line.substr(start, at - start));
    }
  }
  return fields;
}

}  // namespace

Result<std::string> validate_name(std::string_view name) {
  std::string_view bare = name;
  if (bare.ends_with('.') && bare.size() > 1) {
    bare.remove_suffix(1);
  }
  std::string why;
  if (bare.empty() || bare == ".") {
    why = "it is empty";
  } else if (bare.size() > k_max_name) {
    why = "it is longer than 253 bytes";
  } else {
    for (const auto label : split(bare, '.')) {
      why = label_problem(label);
      if (!why.empty()) {
        break;
      }
    }
  }
  if (!why.empty()) {
    return fail(Errc::usage, cat("invalid name \"", name, "\""), why,
                "give a lower-case DNS name such as my-fruits.internal");
  }
  return std::string(bare);
}

std::optional<std::string> canonical_address(std::string_view text) {
  const std::string input(text);
  std::array<unsigned char, 16> bytes{};
  std::array<char, INET6_ADDRSTRLEN> out{};
  for (const int family : {AF_INET, AF_INET6}) {
    if (::inet_pton(family, input.c_str(), bytes.data()) == 1 &&
        ::inet_ntop(family, bytes.data(), out.data(), out.size()) != nullptr) {
      return std::string(out.data());
    }
  }
  return std::nullopt;
}

Result<Expectation> make_expectation(std::string_view name,
                                     const std::vector<std::string>& addresses,
                                     std::string origin) {
  auto valid = validate_name(name);
  if (!valid) {
    Error error = std::move(valid).error();
    error.what = cat(origin, ": ", error.what);
    return error;
  }
  Expectation expectation{std::move(*valid), {}, std::move(origin), {}, {}};
  for (const auto& text : addresses) {
    auto address = canonical_address(text);
    if (!address) {
      return fail(Errc::usage, cat(expectation.origin, ": invalid address \"", text, "\""),
                  "it is not an IPv4 or IPv6 address",
                  "write addresses such as 10.0.0.1 or fd00::1");
    }
    expectation.addresses.push_back(std::move(*address));
  }
  std::sort(expectation.addresses.begin(), expectation.addresses.end());
  expectation.addresses.erase(
      std::unique(expectation.addresses.begin(), expectation.addresses.end()),
      expectation.addresses.end());
  return expectation;
}

Result<std::vector<Expectation>> parse_names_file(std::string_view text,
                                                  std::string_view file_label) {
  std::vector<Expectation> expectations;
  std::size_t line_number = 0;
  for (std::string_view line : split(text, '\n')) {
    ++line_number;
    if (const auto comment = line.find('#'); comment != std::string_view::npos) {
      line = line.substr(0, comment);
    }
    std::vector<std::string> fields = split_fields(trim(line));
    if (fields.empty()) {
      continue;
    }
    const std::string name = std::move(fields.front());
    fields.erase(fields.begin());
    auto expectation = make_expectation(name, fields, cat(file_label, ':', line_number));
    if (!expectation) {
      return std::move(expectation).error();
    }
    expectations.push_back(std::move(*expectation));
  }
  return expectations;
}

Result<std::vector<Expectation>> merge_expectations(std::vector<Expectation> expectations) {
  std::vector<Expectation> merged;
  merged.reserve(expectations.size());
  std::unordered_map<std::string, std::size_t> seen;
  seen.reserve(expectations.size());
  for (auto& expectation : expectations) {
    const auto [it, inserted] = seen.emplace(expectation.name, merged.size());
    if (inserted) {
      merged.push_back(std::move(expectation));
      continue;
    }
    const Expectation& first = merged[it->second];
    if (first.addresses != expectation.addresses) {
      return fail(
          Errc::usage,
          cat(expectation.origin, ": ", expectation.name, " is listed again with other addresses"),
          cat("first listed at ", first.origin, " with ", join(first.addresses, ", ")),
          "list each name once");
    }
  }
  return merged;
}

}  // namespace meshdns::verify
