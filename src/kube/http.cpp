#include <meshdns/kube/http.hpp>
#include <meshdns/text.hpp>

namespace meshdns::kube {

const char* to_string(Method method) {
  switch (method) {
    case Method::get:
      return "GET";
    case Method::head:
      return "HEAD";
    case Method::post:
      return "POST";
    case Method::put:
      return "PUT";
    case Method::patch:
      return "PATCH";
    case Method::del:
      return "DELETE";
  }
  return "GET";
}

std::optional<std::string_view> Response::header(std::string_view name) const {
  const std::string wanted = to_lower(name);
  for (const auto& [key, value] : headers) {
    if (to_lower(key) == wanted) {
      return std::string_view(value);
    }
  }
  return std::nullopt;
}

}  // namespace meshdns::kube
