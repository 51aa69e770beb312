#pragma once

// Whole-file reads and crash-safe writes: the only file I/O of the Corefile commands. A Corefile
// that is half written when a disk fills or the process dies would crash-loop CoreDNS, so writes go
// to a temporary file beside the target and replace it with one rename.

#include <meshdns/result.hpp>

#include <filesystem>
#include <string>
#include <string_view>

namespace meshdns::io {

// Every byte of the file, unchanged (no newline translation). Errc::config naming the path and the
// system's reason (errno text) when it cannot be read.
Result<std::string> read_file(const std::filesystem::path& path);

// Replaces the file's contents with `bytes` atomically: readers see the old file or the new one,
// never a mix. Writes a temporary file in the same folder, fsyncs it, renames it over `path` and
// fsyncs the folder. Keeps the permission bits of an existing file (new files get 0666 minus the
// umask); a symbolic link is followed and its target replaced, the link kept. On any failure
// nothing is changed and the temporary file is removed; Errc::config names the path and the reason.
Result<void> write_file_atomically(const std::filesystem::path& path, std::string_view bytes);

}  // namespace meshdns::io
