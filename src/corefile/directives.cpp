#include "corefile/directives_table.hpp"

#include <meshdns/corefile/directives.hpp>

#include <algorithm>
#include <cstddef>

namespace meshdns::corefile {
namespace {

// Index of the release whose facts apply to `version`: the closest at or below it, else the oldest.
std::size_t release_index(Version version) {
  const auto& releases = table::k_releases;
  const auto after = std::upper_bound(
      releases.begin(), releases.end(), version,
      [](const Version& wanted, const table::Release& row) { return wanted < row.version; });
  if (after == releases.begin()) {
    return 0;
  }
  return static_cast<std::size_t>(after - releases.begin()) - 1;
}

const table::Directive* find_directive(std::string_view name) {
  const auto& rows = table::k_directives;
  const auto it = std::lower_bound(
      rows.begin(), rows.end(), name,
      [](const table::Directive& row, std::string_view wanted) { return row.name < wanted; });
  return it != rows.end() && it->name == name ? &*it : nullptr;
}

std::span<const table::Span> spans(std::uint16_t at, std::uint8_t count) {
  return table::k_spans.subspan(at, count);
}

bool in_any(std::span<const table::Span> runs, std::size_t release) {
  return std::any_of(runs.begin(), runs.end(), [release](const table::Span& run) {
    return run.begin <= release && release < run.end;
  });
}

}  // namespace

DirectiveFacts directive_facts(std::string_view name, Version version) {
  const table::Directive* row = find_directive(name);
  if (row == nullptr) {
    return {};
  }
  const std::size_t release = release_index(version);
  return DirectiveFacts{
      .known = in_any(spans(row->exists_at, row->exists_count), release),
      .once_per_block = in_any(spans(row->once_at, row->once_count), release),
  };
}

Version tabulated_release(Version version) {
  return table::k_releases[release_index(version)].version;
}

std::optional<Version> first_release_with(std::string_view name) {
  const table::Directive* row = find_directive(name);
  if (row == nullptr || row->exists_count == 0) {
    return std::nullopt;
  }
  return table::k_releases[table::k_spans[row->exists_at].begin].version;
}

std::optional<Version> first_release_without(std::string_view name, Version after) {
  const table::Directive* row = find_directive(name);
  if (row == nullptr) {
    return std::nullopt;
  }
  const std::size_t from = release_index(after);
  // The first release past `after` that lacks it: the end of the run holding `after`, or the first
  // release after `after` when `after` itself lacks it already.
  for (std::size_t release = from + 1; release < table::k_releases.size(); ++release) {
    if (!in_any(spans(row->exists_at, row->exists_count), release)) {
      return table::k_releases[release].version;
    }
  }
  return std::nullopt;
}

std::vector<std::string_view> plugin_order(Version version) {
  const table::Order order = table::k_orders[table::k_releases[release_index(version)].order];
  std::vector<std::string_view> names;
  names.reserve(order.count);
  for (const std::uint8_t id : table::k_order_ids.subspan(order.at, order.count)) {
    names.push_back(table::k_directives[id].name);
  }
  return names;
}

}  // namespace meshdns::corefile
