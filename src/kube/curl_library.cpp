#include "kube/curl_library.hpp"

#include <meshdns/text.hpp>

#include <dlfcn.h>

#include <string>

namespace meshdns::kube::curl {
namespace {

// Debian's libcurl4 (OpenSSL flavour) installs libcurl.so.4; libcurl3-gnutls installs a differently
// named file, so this name also picks the TLS library whose behaviour the tests pin down.
constexpr const char* k_soname = "libcurl.so.4";
constexpr unsigned k_minimum_version = 0x074d00;  // 7.77.0: CURLOPT_CAINFO_BLOB

Error missing(const std::string& why) {
  return fail(Errc::config, cat("cannot load libcurl (", k_soname, ")"), why,
              "install the libcurl4 package: apt-get install libcurl4");
}

template <typename Function>
bool resolve(void* handle, const char* name, Function*& out, std::string& missing_name) {
  // POSIX guarantees that a dlsym result for a function converts to a function pointer.
  out = reinterpret_cast<Function*>(dlsym(handle, name));
  if (out == nullptr && missing_name.empty()) {
    missing_name = name;
  }
  return out != nullptr;
}

Result<Library> load() {
  // RTLD_LOCAL: libcurl's own dependencies stay out of the global symbol namespace.
  void* handle = dlopen(k_soname, RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* reason = dlerror();
    return missing(reason != nullptr ? reason : "dlopen failed");
  }
  // Never dlclose'd: libcurl and OpenSSL keep process-wide state until exit.
  Library lib{};
  std::string absent;
  resolve(handle, "curl_global_init", lib.global_init, absent);
  resolve(handle, "curl_version_info", lib.version_info, absent);
  resolve(handle, "curl_easy_init", lib.easy_init, absent);
  resolve(handle, "curl_easy_cleanup", lib.easy_cleanup, absent);
  resolve(handle, "curl_easy_setopt", lib.easy_setopt, absent);
  resolve(handle, "curl_easy_getinfo", lib.easy_getinfo, absent);
  resolve(handle, "curl_easy_strerror", lib.easy_strerror, absent);
  resolve(handle, "curl_easy_perform", lib.easy_perform, absent);
  resolve(handle, "curl_easy_send", lib.easy_send, absent);
  resolve(handle, "curl_easy_recv", lib.easy_recv, absent);
  resolve(handle, "curl_multi_init", lib.multi_init, absent);
  resolve(handle, "curl_multi_cleanup", lib.multi_cleanup, absent);
  resolve(handle, "curl_multi_setopt", lib.multi_setopt, absent);
  resolve(handle, "curl_multi_add_handle", lib.multi_add_handle, absent);
  resolve(handle, "curl_multi_remove_handle", lib.multi_remove_handle, absent);
  resolve(handle, "curl_multi_perform", lib.multi_perform, absent);
  resolve(handle, "curl_multi_poll", lib.multi_poll, absent);
  resolve(handle, "curl_multi_info_read", lib.multi_info_read, absent);
  resolve(handle, "curl_multi_strerror", lib.multi_strerror, absent);
  resolve(handle, "curl_share_init", lib.share_init, absent);
  resolve(handle, "curl_share_setopt", lib.share_setopt, absent);
  resolve(handle, "curl_share_cleanup", lib.share_cleanup, absent);
  resolve(handle, "curl_slist_append", lib.slist_append, absent);
  resolve(handle, "curl_slist_free_all", lib.slist_free_all, absent);
  if (!absent.empty()) {
    return missing(cat("it has no ", absent, "; it is older than libcurl 7.77"));
  }

  const curl_version_info_data* info = lib.version_info(CURLVERSION_NOW);
  if (info == nullptr || info->version_num < k_minimum_version) {
    return missing(cat("libcurl ", info != nullptr ? info->version : "?",
                       " is older than 7.77, which added in-memory certificates"));
  }
  if ((info->features & CURL_VERSION_SSL) == 0) {
    return missing(cat("libcurl ", info->version, " was built without TLS"));
  }
  if (lib.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    return missing("curl_global_init failed");
  }
  return lib;
}

}  // namespace

Result<const Library*> library() {
  // A function-local static is initialised once even when several threads ask at the same time.
  static const Result<Library> loaded = load();
  if (!loaded) {
    return loaded.error();
  }
  return &loaded.value();
}

}  // namespace meshdns::kube::curl
