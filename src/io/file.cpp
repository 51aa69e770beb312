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

}  // namespace

Result<std::string> read_file(const fs::path& path) {
  constexpr std::string_view k_fix = "check the path and its permissions";
  Descriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (file.get() < 0) {
    return file_error("read", path, errno, k_fix);
  }
  std::string bytes;
  char buffer[64 * 1024];
  for (;;) {
    const ssize_t got = ::read(file.get(), buffer, sizeof buffer);
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

Result<void> write_file_atomically(const fs::path& path, std::string_view bytes) {
  constexpr std::string_view k_fix = "check that the folder is writable and the disk has room";
  const fs::path target = resolve_target(path);
  mode_t mode = default_mode();
  if (struct stat existing{}; ::stat(target.c_str(), &existing) == 0) {
    if (!S_ISREG(existing.st_mode)) {
      return fail(Errc::config, cat("cannot write ", path.string()), "it is not a regular file",
                  "give the path of a Corefile");
    }
    mode = existing.st_mode & 07777;
  }

  const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
  // Hidden and named after the target, so a leftover after a power cut says where it came from.
  std::string temp_name =
      (folder / cat(".", target.filename().string(), ".meshdns-XXXXXX")).string();
  Descriptor temp(::mkstemp(temp_name.data()));
  if (temp.get() < 0) {
    return file_error("write", path, errno, k_fix);
  }
  const auto give_up = [&](int error_number) {
    ::unlink(temp_name.c_str());
    return file_error("write", path, error_number, k_fix);
  };
  if (::fchmod(temp.get(), mode) != 0 || !write_all(temp.get(), bytes) ||
      ::fsync(temp.get()) != 0) {
    return give_up(errno);
  }
  if (temp.close() != 0) {
    return give_up(errno);
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

}  // namespace meshdns::io
