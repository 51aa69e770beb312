#pragma once

// A bound on how deeply JSON from outside (an API server, a tenant's object, a plugin) may nest,
// checked before nlohmann::json sees it: its serializer and our walkers recurse once per level,
// so 100,000 levels overflow the stack. 10,000 is kube-apiserver's and client-go's own limit, so
// nothing a real cluster serves is refused.

#include <cstddef>
#include <string_view>

namespace meshdns {

constexpr std::size_t k_max_json_depth = 10'000;

// The deepest nesting of arrays and objects in `text` (brackets inside strings do not count). One
// pass, no recursion, whatever `text` holds; malformed JSON gets a number too (the parser refuses
// it afterwards).
std::size_t json_nesting_depth(std::string_view text);

}  // namespace meshdns
