#pragma once

// One request to the stand-in API server as another client would send it (Python's urllib with the
// server's CA and token), for end-to-end tests that change the cluster behind the tool's back.

#include "support/apiserver.hpp"
#include "support/process.hpp"

#include <meshdns/text.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

namespace meshdns::test {

// One request to the stand-in, as another client: the answer's body as JSON.
inline nlohmann::json call(const ApiServer& api, const std::string& method, const std::string& path,
                           const std::string& body = "") {
  static const char* const k_script = R"(
import ssl, sys, urllib.error, urllib.request
url, ca, token, method, body = sys.argv[1:6]
request = urllib.request.Request(url, method=method, data=body.encode() if body else None,
                                 headers={"Authorization": "Bearer " + token,
                                          "Content-Type": "application/json"})
try:
    print(urllib.request.urlopen(request, context=ssl.create_default_context(cafile=ca)).read().decode())
except urllib.error.HTTPError as error:
    print(error.read().decode())
)";
  const ProcessResult run =
      run_process({"/usr/bin/python3", "-c", k_script, cat(api.base_url(), path), api.ca_path(),
                   api.token(), method, body});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  return nlohmann::json::parse(run.out);
}

}  // namespace meshdns::test
