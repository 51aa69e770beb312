#include "kube/curl_library.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace meshdns::kube::curl {
namespace {

TEST_CASE("kube::curl::library", "[kube][curl_library]") {
  const Result<const Library*> first = library();
  REQUIRE(first);
  const Result<const Library*> second = library();
  REQUIRE(second);
  CHECK(*first == *second);  // loaded once

  const Library& lib = **first;
  const curl_version_info_data* info = lib.version_info(CURLVERSION_NOW);
  REQUIRE(info != nullptr);
  CHECK(info->version_num >= 0x074d00U);
  CHECK((info->features & CURL_VERSION_SSL) != 0);

  // Each typed setter reaches libcurl with the type the option wants.
  CURL* easy = lib.easy_init();
  REQUIRE(easy != nullptr);
  const std::string pem = "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n";
  CHECK(set_long<CURLOPT_TIMEOUT_MS>(lib, easy, 1000) == CURLE_OK);
  CHECK(set_pointer<CURLOPT_URL>(lib, easy, "https://127.0.0.1:1/") == CURLE_OK);
  CHECK(set_off<CURLOPT_POSTFIELDSIZE_LARGE>(lib, easy, curl_off_t{0}) == CURLE_OK);
  CHECK(set_blob<CURLOPT_CAINFO_BLOB>(lib, easy, pem) == CURLE_OK);
  CHECK(set_long<CURLOPT_HTTP_VERSION>(lib, easy, 99) == CURLE_UNSUPPORTED_PROTOCOL);
  long code = -1;  // NOLINT(google-runtime-int)
  CHECK(get_long<CURLINFO_RESPONSE_CODE>(lib, easy, &code) == CURLE_OK);
  CHECK(code == 0);
  lib.easy_cleanup(easy);
}

}  // namespace
}  // namespace meshdns::kube::curl
