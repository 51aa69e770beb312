#include <meshdns/io/public_suffix.hpp>

#include <libpsl.h>

#include <string>

namespace meshdns::io {

bool is_public_suffix(std::string_view name) {
  const psl_ctx_t* list = psl_builtin();
  if (list == nullptr) {
    return false;  // a libpsl built without a list; the other zone rules still hold
  }
  const std::string text(name);
  return psl_is_public_suffix2(list, text.c_str(), PSL_TYPE_ANY | PSL_TYPE_NO_STAR_RULE) != 0;
}

}  // namespace meshdns::io
