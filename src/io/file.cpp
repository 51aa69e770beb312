#include <meshdns/io/file.hpp>
#include <meshdns/text.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

namespace meshdns::io {
namespace {

namespace fs = std::filesystem;

Error file_error(std::string_view action, const fs::path& path, int error_number,
                 std::string_view fix) {
  return fail(Errc::config, cat("cannot ", action, " ", path.string()), std::strerror(error_number),
              std::string(fix));
}

// Closes on every path out, so an early return cannot leak the descriptor.
class Descriptor {
 public:
  explicit Descriptor(int fd) : m_fd(fd) {}
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  ~Descriptor() {
    if (m_fd >= 0) {
      ::close(m_fd);
    }
  }
  int get() const { return m_fd; }
  // close() reports deferred write errors (NFS, quotas), so writers must check it.
  int close() {
    const int rc = ::close(m_fd);
    m_fd = -1;
    return rc;
  }

 private:
  int m_fd;
};

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) {
        continue;
      }
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

// Where the bytes must land: the final target of a symbolic link, so the link survives the rename.
// Resolved once per edit (read_for_edit): resolving again before the write would let a link
// swapped in between redirect it.
fs::path resolve_target(const fs::path& path) {
  std::error_code ignored;
  if (fs::is_symlink(fs::symlink_status(path, ignored))) {
    const fs::path target = fs::canonical(path, ignored);
    if (!target.empty()) {
      return target;
    }
  }
  return path;
}

// New files get what open(2) with 0666 would give: the process's umask applies.
mode_t default_mode() {
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return 0666 & ~mask;
}

Error not_regular(const fs::path& path) {
  return fail(Errc::config, cat("cannot write ", path.string()), "it is not a regular file",
              "give the path of a Corefile");
}

Result<std::string> read_all(int fd, const fs::path& path) {
  constexpr std::string_view k_fix = "check the path and its permissions";
  std::string bytes;
  char buffer[64 * 1024];
  for (;;) {
    const ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) {
      continue;
    }
    if (got < 0) {
      return file_error("read", path, errno, k_fix);
    }
    if (got == 0) {
      return bytes;
    }
    bytes.append(buffer, static_cast<std::size_t>(got));
  }
}

// The temporary file takes the original's owner and group where we may set them (sed -i does the
// same), then its mode. In that order: chown(2) clears set-user/group-ID bits. Those bits are
// dropped when the owner (group) differs from the original's, so a setuid file of one user never
// becomes a setuid file of another (root, typically).
int keep_owner_and_mode(int fd, const struct stat& original) {
  if (::fchown(fd, original.st_uid, original.st_gid) != 0) {
    // Not root: the group can still be kept if we belong to it. Failing that, we own the file.
    [[maybe_unused]] const int ignored = ::fchown(fd, static_cast<uid_t>(-1), original.st_gid);
  }
  struct stat now {};
  if (::fstat(fd, &now) != 0) {
    return -1;
  }
  mode_t mode = original.st_mode & 07777;
  if (now.st_uid != original.st_uid) {
    mode &= ~static_cast<mode_t>(S_ISUID);
  }
  if (now.st_gid != original.st_gid) {
    mode &= ~static_cast<mode_t>(S_ISGID);
  }
  return ::fchmod(fd, mode);
}

bool same_file(const struct stat& info, const FileForEdit& read) {
  return S_ISREG(info.st_mode) && static_cast<std::uint64_t>(info.st_dev) == read.device &&
         static_cast<std::uint64_t>(info.st_ino) == read.inode;
}

// Writes `bytes` over `target` by temp file and rename. With `expected`, only while `target` is
// still that file (checked without following links, before and after the temp file is written).
Result<void> write_over(const fs::path& shown, const fs::path& target, std::string_view bytes,
                        const FileForEdit* expected) {
  constexpr std::string_view k_fix = "check that the folder is writable and the disk has room";
  const auto replaced = [&] {
    return fail(Errc::conflict, cat("cannot write ", shown.string()),
                "it is no longer the file that was read: it was replaced or relinked meanwhile",
                "check who else writes it and run the command again");
  };
  struct stat existing {};
  const bool exists = ::lstat(target.c_str(), &existing) == 0;
  if (exists && !S_ISREG(existing.st_mode)) {
    return expected != nullptr ? replaced() : not_regular(shown);
  }
  if (expected != nullptr && (!exists || !same_file(existing, *expected))) {
    return replaced();
  }

  const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
  // Hidden and named after the target, so a leftover after a power cut says where it came from.
  std::string temp_name =
      (folder / cat(".", target.filename().string(), ".meshdns-XXXXXX")).string();
  Descriptor temp(::mkostemp(temp_name.data(), O_CLOEXEC));
  if (temp.get() < 0) {
    return file_error("write", shown, errno, k_fix);
  }
  const auto give_up = [&](int error_number) {
    ::unlink(temp_name.c_str());
    return file_error("write", shown, error_number, k_fix);
  };
  const int kept =
      exists ? keep_owner_and_mode(temp.get(), existing) : ::fchmod(temp.get(), default_mode());
  if (kept != 0 || !write_all(temp.get(), bytes) || ::fsync(temp.get()) != 0) {
    return give_up(errno);
  }
  if (temp.close() != 0) {
    return give_up(errno);
  }
  if (expected != nullptr) {
    // The window between this check and the rename is a few system calls, not a whole edit.
    struct stat again {};
    if (::lstat(target.c_str(), &again) != 0 || !same_file(again, *expected)) {
      ::unlink(temp_name.c_str());
      return replaced();
    }
  }
  if (::rename(temp_name.c_str(), target.c_str()) != 0) {
    return give_up(errno);
  }
  // The rename is durable only once the folder's entry is on disk.
  if (Descriptor dir(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)); dir.get() >= 0) {
    ::fsync(dir.get());
  }
  return {};
}

}  // namespace

Result<std::string> read_file(const fs::path& path) {
  Descriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (file.get() < 0) {
    return file_error("read", path, errno, "check the path and its permissions");
  }
  return read_all(file.get(), path);
}

Result<FileForEdit> read_for_edit(const fs::path& path) {
  FileForEdit read;
  read.target = resolve_target(path);
  // O_NOFOLLOW: the target was resolved above; a link appearing there now is not followed again.
  Descriptor file(::open(read.target.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (file.get() < 0) {
    return file_error("read", path, errno, "check the path and its permissions");
  }
  struct stat info {};
  if (::fstat(file.get(), &info) != 0) {
    return file_error("read", path, errno, "check the path and its permissions");
  }
  if (!S_ISREG(info.st_mode)) {
    return fail(Errc::config, cat("cannot read ", path.string()), "it is not a regular file",
                "give the path of a Corefile");
  }
  read.device = static_cast<std::uint64_t>(info.st_dev);
  read.inode = static_cast<std::uint64_t>(info.st_ino);
  Result<std::string> bytes = read_all(file.get(), path);
  if (!bytes) {
    return std::move(bytes).error();
  }
  read.bytes = std::move(*bytes);
  return read;
}

Result<void> replace_file(const fs::path& path, const FileForEdit& read, std::string_view bytes) {
  return write_over(path, read.target, bytes, &read);
}

Result<void> write_file_atomically(const fs::path& path, std::string_view bytes) {
  return write_over(path, resolve_target(path), bytes, nullptr);
}

}  // namespace meshdns::io
