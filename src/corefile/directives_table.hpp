#pragma once

// The per-release directive table generated into directives_table.cpp by generate_directives_table.
// Layout: releases in ascending order; each directive (sorted by name, for binary search) points at
// its runs of releases in k_spans; each release points at its plugin.cfg order in k_orders. 74
// releases x 65 directives fit in ~2 KiB this way instead of a 4,800-cell matrix.

#include <meshdns/corefile/version.hpp>

#include <cstdint>
#include <span>
#include <string_view>

namespace meshdns::corefile::table {

struct Release {
  Version version;
  std::uint8_t order = 0;  // index into k_orders
};

// Release indexes [begin, end).
struct Span {
  std::uint8_t begin = 0;
  std::uint8_t end = 0;
};

struct Directive {
  std::string_view name;
  std::uint16_t exists_at =
      0;  // k_spans[exists_at, exists_at + exists_count): releases that have it
  std::uint8_t exists_count = 0;
  std::uint16_t once_at = 0;  // releases where a second one in a server block is refused
  std::uint8_t once_count = 0;
};

// A run of k_order_ids: the directive ids of one release in plugin.cfg order.
struct Order {
  std::uint16_t at = 0;
  std::uint8_t count = 0;
};

extern const std::span<const Release> k_releases;
extern const std::span<const Span> k_spans;
extern const std::span<const Directive> k_directives;
extern const std::span<const std::uint8_t> k_order_ids;
extern const std::span<const Order> k_orders;

}  // namespace meshdns::corefile::table
