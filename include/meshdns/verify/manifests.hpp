#pragma once

// Expectations from Kubernetes manifests (`--from-manifests`): each ServiceEntry host must resolve
// to the ServiceEntry's addresses; when the Service its endpoint names is in the manifests too and
// its cluster IPs differ (the Service was recreated with a new IP), the name carries a note.
// Pure: the caller reads the files.

#include <meshdns/result.hpp>
#include <meshdns/verify/expectation.hpp>

#include <string>
#include <vector>

namespace meshdns::verify {

struct ManifestFile {
  std::string label;  // the path, for messages
  std::string text;   // one or more YAML documents; `kind: List` is opened
};

struct ManifestExpectations {
  std::vector<Expectation> expectations;  // one per ServiceEntry host, in file order
  std::vector<std::string> warnings;      // hosts skipped and why (wildcards, invalid names)
};

// Fails with Errc::config on YAML that does not parse, naming the file and line.
Result<ManifestExpectations> expectations_from_manifests(const std::vector<ManifestFile>& files);

}  // namespace meshdns::verify
