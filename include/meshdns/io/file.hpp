#pragma once

// Whole-file reads and crash-safe writes: the only file I/O of the Corefile commands. A Corefile
// that is half written when a disk fills or the process dies would crash-loop CoreDNS, so writes go
// to a temporary file beside the target and replace it with one rename.

#include <meshdns/result.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace meshdns::io {

// Every byte of the file, unchanged (no newline translation). Errc::config naming the path and the
// system's reason (errno text) when it cannot be read.
Result<std::string> read_file(const std::filesystem::path& path);

// A file read to be edited and written back (`corefile patch --file F --in-place`): its bytes and
// which file they came from. Symbolic links are resolved once, when reading, so the write lands
// on the file that was read even if a link is pointed elsewhere in between (a tenant who can swap
// the link must not be able to redirect our write to another file).
struct FileForEdit {
  std::string bytes;
  std::filesystem::path target;  // the path read, every symbolic link resolved
  std::uint64_t device = 0;      // with inode: which file was read
  std::uint64_t inode = 0;
};

// Reads `path` for replace_file. Errc::config as read_file, or when it is not a regular file.
Result<FileForEdit> read_for_edit(const std::filesystem::path& path);

// Replaces the file `read` came from with `bytes`, atomically (see write_file_atomically), as GNU
// `sed -i --follow-symlinks` does: a link stays a link and its target gets the new contents.
// Refused (Errc::conflict, nothing written) when the target is no longer the file that was read
// (same device and inode), e.g. it was replaced or turned into a link meanwhile. `path` is the name
// the user gave, for messages.
Result<void> replace_file(const std::filesystem::path& path, const FileForEdit& read,
                          std::string_view bytes);

// Replaces the file's contents with `bytes` atomically: readers see the old file or the new one,
// never a mix. Writes a temporary file in the same folder, fsyncs it, renames it over `path` and
// fsyncs the folder. An existing file keeps its permission bits and, where the process may set
// them (root, or a group it belongs to), its owner and group, as `sed -i` does; set-user-ID and
// set-group-ID bits are dropped when the owner (group) could not be kept, so they never grant
// another user's rights. New files get 0666 minus the umask. A symbolic link is followed (resolved
// once) and its target replaced, the link kept. On any failure nothing is changed and the temporary
// file is removed; Errc::config names the path and the reason.
Result<void> write_file_atomically(const std::filesystem::path& path, std::string_view bytes);

}  // namespace meshdns::io
