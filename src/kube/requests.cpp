#include <meshdns/kube/requests.hpp>
#include <meshdns/text.hpp>

#include <nlohmann/json.hpp>

#include <array>

namespace meshdns::kube {
namespace {

constexpr std::string_view k_json = "application/json";
constexpr std::string_view k_apply_patch = "application/apply-patch+yaml";
constexpr std::string_view k_merge_patch = "application/merge-patch+json";

bool unreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == '~';
}

std::string percent_encode(std::string_view text, bool space_as_plus) {
  constexpr std::array<char, 16> k_hex{'0', '1', '2', '3', '4', '5', '6', '7',
                                       '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (unreserved(c)) {
      out.push_back(c);
    } else if (c == ' ' && space_as_plus) {
      out.push_back('+');
    } else {
      const auto byte = static_cast<unsigned char>(c);
      out.push_back('%');
      out.push_back(k_hex[byte >> 4U]);
      out.push_back(k_hex[byte & 0x0FU]);
    }
  }
  return out;
}

// Serialises without throwing on invalid UTF-8 in a string value (nlohmann's default would).
std::string to_body(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string with_dry_run(std::string path, DryRun dry_run) {
  return dry_run == DryRun::yes ? with_query(path, "dryRun", "All") : path;
}

Request with_body(Method method, std::string path, std::string body, std::string_view type) {
  return Request{method, std::move(path), std::move(body), std::string(type)};
}

}  // namespace

std::string resource_path(const ResourceRef& ref) {
  std::string path = ref.group.empty()
                         ? cat("/api/", ref.version)
                         : cat("/apis/", percent_encode(ref.group, false), "/", ref.version);
  if (!ref.namespace_name.empty()) {
    path += cat("/namespaces/", percent_encode(ref.namespace_name, false));
  }
  if (!ref.resource.empty()) {
    path += cat("/", ref.resource);
  }
  if (!ref.name.empty()) {
    path += cat("/", percent_encode(ref.name, false));
  }
  return path;
}

std::string query_escape(std::string_view value) {
  return percent_encode(value, true);
}

std::string with_query(std::string_view path, std::string_view key, std::string_view value) {
  const char separator = path.find('?') == std::string_view::npos ? '?' : '&';
  return cat(path, separator, query_escape(key), "=", query_escape(value));
}

Request get_request(std::string_view path) {
  return Request{Method::get, std::string(path), {}, {}};
}

Request list_request(std::string_view path, std::string_view label_selector) {
  return get_request(label_selector.empty() ? std::string(path)
                                            : with_query(path, "labelSelector", label_selector));
}

Request create_request(std::string_view collection_path, const nlohmann::json& object,
                       DryRun dry_run) {
  return with_body(Method::post, with_dry_run(std::string(collection_path), dry_run),
                   to_body(object), k_json);
}

Request apply_request(std::string_view object_path, std::string_view yaml_or_json,
                      const ApplyOptions& options) {
  // The API server refuses an apply without a field manager (400), so one is always sent.
  std::string path = with_query(object_path, "fieldManager", options.field_manager);
  if (options.force == Force::yes) {
    path = with_query(path, "force", "true");
  }
  return with_body(Method::patch, with_dry_run(std::move(path), options.dry_run),
                   std::string(yaml_or_json), k_apply_patch);
}

Result<Request> replace_request(std::string_view object_path, const nlohmann::json& object,
                                DryRun dry_run) {
  const auto metadata = object.find("metadata");
  const bool has_version = metadata != object.end() && metadata->is_object() &&
                           metadata->contains("resourceVersion") &&
                           (*metadata)["resourceVersion"].is_string() &&
                           !(*metadata)["resourceVersion"].get<std::string>().empty();
  if (!has_version) {
    return fail(Errc::refused,
                cat("refusing to replace ", object_path, " without a resourceVersion"),
                "an unconditional PUT could undo a change made since it was read",
                "read the object first and send it back with its metadata.resourceVersion");
  }
  return with_body(Method::put, with_dry_run(std::string(object_path), dry_run), to_body(object),
                   k_json);
}

Request merge_patch_request(std::string_view object_path, const nlohmann::json& patch,
                            DryRun dry_run) {
  return with_body(Method::patch, with_dry_run(std::string(object_path), dry_run), to_body(patch),
                   k_merge_patch);
}

Request delete_request(std::string_view object_path, DryRun dry_run) {
  return Request{Method::del, with_dry_run(std::string(object_path), dry_run), {}, {}};
}

}  // namespace meshdns::kube
