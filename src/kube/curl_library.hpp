#pragma once

// libcurl, loaded with dlopen on first use. Linking it would cost every command ~12 ms at start-up
// in the initialisers of its dependencies (OpenSSL, GnuTLS, Kerberos, LDAP), and offline commands
// must start in under 5 ms. This file is the only one that knows how the functions are found.
//
// curl_easy_setopt and friends are variadic, so nothing checks the argument type at a call through
// a pointer. The typed wrappers below take the option as a template argument and check at compile
// time that its type class (CURLOPTTYPE_*, CURLINFO_*) matches the C++ type passed.

#include <meshdns/result.hpp>

#include <curl/curl.h>

namespace meshdns::kube::curl {

struct Library {
  CURLcode (*global_init)(long flags);  // NOLINT(google-runtime-int)
  curl_version_info_data* (*version_info)(CURLversion age);
  CURL* (*easy_init)();
  void (*easy_cleanup)(CURL* easy);
  CURLcode (*easy_setopt)(CURL* easy, CURLoption option, ...);
  CURLcode (*easy_getinfo)(CURL* easy, CURLINFO info, ...);
  const char* (*easy_strerror)(CURLcode code);
  // CURLOPT_CONNECT_ONLY: connect and handshake TLS, then move bytes by hand (WebSocket upgrades).
  CURLcode (*easy_perform)(CURL* easy);
  CURLcode (*easy_send)(CURL* easy, const void* buffer, size_t length, size_t* sent);
  CURLcode (*easy_recv)(CURL* easy, void* buffer, size_t length, size_t* received);
  CURLM* (*multi_init)();
  CURLMcode (*multi_cleanup)(CURLM* multi);
  CURLMcode (*multi_setopt)(CURLM* multi, CURLMoption option, ...);
  CURLMcode (*multi_add_handle)(CURLM* multi, CURL* easy);
  CURLMcode (*multi_remove_handle)(CURLM* multi, CURL* easy);
  CURLMcode (*multi_perform)(CURLM* multi, int* running);
  CURLMcode (*multi_poll)(CURLM* multi, curl_waitfd* extra, unsigned count, int timeout_ms,
                          int* ready);
  CURLMsg* (*multi_info_read)(CURLM* multi, int* left);
  const char* (*multi_strerror)(CURLMcode code);
  CURLSH* (*share_init)();
  CURLSHcode (*share_setopt)(CURLSH* share, CURLSHoption option, ...);
  CURLSHcode (*share_cleanup)(CURLSH* share);
  curl_slist* (*slist_append)(curl_slist* list, const char* line);
  void (*slist_free_all)(curl_slist* list);
};

// Loads libcurl.so.4 (Debian's libcurl4, the OpenSSL flavour) once, thread-safely, and checks it is
// 7.77 or newer with TLS and HTTP/2. Later calls return the same table or the same error
// (Errc::config, naming the package to install).
Result<const Library*> library();

// --- typed option setters
// -------------------------------------------------------------------------

template <CURLoption Option>
CURLcode set_long(const Library& lib, CURL* easy, long value) {  // NOLINT(google-runtime-int)
  static_assert(Option < CURLOPTTYPE_OBJECTPOINT, "not a long option");
  return lib.easy_setopt(easy, Option, value);
}

// String and object pointers share one type class in curl.h (CURLOPTTYPE_STRINGPOINT is
// CURLOPTTYPE_OBJECTPOINT), so one setter serves both.
template <CURLoption Option, typename Pointee>
CURLcode set_pointer(const Library& lib, CURL* easy, Pointee* value) {
  static_assert(Option >= CURLOPTTYPE_OBJECTPOINT && Option < CURLOPTTYPE_FUNCTIONPOINT,
                "not a pointer option");
  return lib.easy_setopt(easy, Option, value);
}

template <CURLoption Option, typename Return, typename... Args>
CURLcode set_function(const Library& lib, CURL* easy, Return (*callback)(Args...)) {
  static_assert(Option >= CURLOPTTYPE_FUNCTIONPOINT && Option < CURLOPTTYPE_OFF_T,
                "not a callback option");
  return lib.easy_setopt(easy, Option, callback);
}

template <CURLoption Option>
CURLcode set_off(const Library& lib, CURL* easy, curl_off_t value) {
  static_assert(Option >= CURLOPTTYPE_OFF_T && Option < CURLOPTTYPE_BLOB,
                "not a curl_off_t option");
  return lib.easy_setopt(easy, Option, value);
}

// CURL_BLOB_COPY: libcurl keeps its own copy, so the PEM may go away after the call.
template <CURLoption Option>
CURLcode set_blob(const Library& lib, CURL* easy, const std::string& bytes) {
  static_assert(Option >= CURLOPTTYPE_BLOB, "not a blob option");
  curl_blob blob{const_cast<char*>(bytes.data()), bytes.size(), CURL_BLOB_COPY};
  return lib.easy_setopt(easy, Option, &blob);
}

template <CURLINFO Info>
CURLcode get_long(const Library& lib, CURL* easy, long* value) {  // NOLINT(google-runtime-int)
  static_assert((Info & CURLINFO_TYPEMASK) == CURLINFO_LONG, "not a long info");
  return lib.easy_getinfo(easy, Info, value);
}

template <CURLINFO Info>
CURLcode get_socket(const Library& lib, CURL* easy, curl_socket_t* value) {
  static_assert((Info & CURLINFO_TYPEMASK) == CURLINFO_SOCKET, "not a socket info");
  return lib.easy_getinfo(easy, Info, value);
}

template <CURLMoption Option>
CURLMcode set_multi_long(const Library& lib, CURLM* multi, long value) {  // NOLINT
  static_assert(Option < CURLOPTTYPE_OBJECTPOINT, "not a long option");
  return lib.multi_setopt(multi, Option, value);
}

// curl_share_setopt reads CURLSHOPT_SHARE's argument as an int (va_arg(param, int)), not a long.
inline CURLSHcode share_data(const Library& lib, CURLSH* share, curl_lock_data data) {
  return lib.share_setopt(share, CURLSHOPT_SHARE, static_cast<int>(data));
}

}  // namespace meshdns::kube::curl
