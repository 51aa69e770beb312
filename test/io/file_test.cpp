#include "support/skip.hpp"
#include "support/temp_dir.hpp"

#include <meshdns/io/file.hpp>

#include <catch2/catch.hpp>
#include <grp.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace meshdns::io {
namespace {

namespace fs = std::filesystem;

void put(const fs::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

std::string get(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

mode_t mode_of(const fs::path& path) {
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  return info.st_mode & 07777;
}

struct stat stat_of(const fs::path& path) {
  struct stat info {};
  REQUIRE(::lstat(path.c_str(), &info) == 0);
  return info;
}

std::size_t entries_in(const fs::path& folder) {
  return static_cast<std::size_t>(
      std::distance(fs::directory_iterator(folder), fs::directory_iterator()));
}

TEST_CASE("io::read_file", "[io]") {
  const test::TempDir folder;
  const std::string bytes("line 1\r\n\tline 2\0no newline", 26);
  struct Row {
    std::string name;
    std::string content;
  };
  const Row rows[] = {{"crlf", bytes}, {"empty", ""}, {"big", std::string(200'000, 'x') + "\n"}};
  for (const Row& row : rows) {
    INFO(row.name);
    put(folder.path() / row.name, row.content);
    const Result<std::string> read = read_file(folder.path() / row.name);
    REQUIRE(read.has_value());
    CHECK(*read == row.content);
  }
}

TEST_CASE("io::read_file errors", "[io]") {
  const test::TempDir folder;
  struct Row {
    fs::path path;
    std::string reason;
  };
  const Row rows[] = {
      {folder.path() / "missing", "No such file or directory"},
      {folder.path(), "Is a directory"},
  };
  for (const Row& row : rows) {
    INFO(row.path);
    const Result<std::string> read = read_file(row.path);
    REQUIRE_FALSE(read.has_value());
    CHECK(read.error().code == Errc::config);
    CHECK(read.error().what == "cannot read " + row.path.string());
    CHECK(read.error().why == row.reason);
    CHECK_FALSE(read.error().fix.empty());
  }
}

TEST_CASE("io::write_file_atomically", "[io]") {
  const test::TempDir folder;
  const fs::path file = folder.path() / "Corefile";

  SECTION("creates a file with the umask applied") {
    const mode_t old_mask = ::umask(022);
    const Result<void> written = write_file_atomically(file, "a\r\nb");
    ::umask(old_mask);
    REQUIRE(written.has_value());
    CHECK(get(file) == "a\r\nb");
    CHECK(mode_of(file) == 0644);
    CHECK(entries_in(folder.path()) == 1);  // no temporary file left behind
  }
  SECTION("replaces the contents and keeps the mode") {
    put(file, "old contents\n");
    REQUIRE(::chmod(file.c_str(), 0640) == 0);
    REQUIRE(write_file_atomically(file, "new\n").has_value());
    CHECK(get(file) == "new\n");
    CHECK(mode_of(file) == 0640);
    CHECK(entries_in(folder.path()) == 1);
  }
  SECTION("follows a symbolic link and keeps it") {
    put(file, "old\n");
    const fs::path link = folder.path() / "link";
    fs::create_symlink(file, link);
    REQUIRE(write_file_atomically(link, "new\n").has_value());
    CHECK(fs::is_symlink(link));
    CHECK(get(file) == "new\n");
  }
  SECTION("a relative path in the current folder") {
    const fs::path previous = fs::current_path();
    fs::current_path(folder.path());
    const Result<void> written = write_file_atomically("Corefile", "x\n");
    fs::current_path(previous);
    REQUIRE(written.has_value());
    CHECK(get(file) == "x\n");
  }
}

TEST_CASE("io::write_file_atomically changes nothing on failure", "[io]") {
  const test::TempDir folder;
  const fs::path file = folder.path() / "Corefile";
  put(file, "original\n");

  SECTION("a folder that does not exist") {
    const Result<void> written = write_file_atomically(folder.path() / "no" / "Corefile", "x");
    REQUIRE_FALSE(written.has_value());
    CHECK(written.error().why == "No such file or directory");
  }
  SECTION("a target that is a folder") {
    fs::create_directory(folder.path() / "dir");
    const Result<void> written = write_file_atomically(folder.path() / "dir", "x");
    REQUIRE_FALSE(written.has_value());
    CHECK(written.error().why == "it is not a regular file");
    CHECK(fs::is_directory(folder.path() / "dir"));
  }
  SECTION("a write that fails half way (file size limit)") {
    // Root ignores permissions, so a size limit is the portable way to make write(2) fail mid-file.
    struct rlimit saved {};
    REQUIRE(::getrlimit(RLIMIT_FSIZE, &saved) == 0);
    const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
    struct rlimit small = saved;
    small.rlim_cur = 16;
    REQUIRE(::setrlimit(RLIMIT_FSIZE, &small) == 0);
    const Result<void> written = write_file_atomically(file, std::string(4096, 'x'));
    ::setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, old_handler);
    REQUIRE_FALSE(written.has_value());
    CHECK(written.error().what == "cannot write " + file.string());
    CHECK(written.error().why == "File too large");
  }
  CHECK(get(file) == "original\n");
  CHECK(entries_in(folder.path()) <= 2);  // the file (and "dir"), never a temporary file
  for (const auto& entry : fs::directory_iterator(folder.path())) {
    CHECK(entry.path().filename().string().find(".meshdns-") == std::string::npos);
  }
}

// The attack (issue #17): `--in-place` on a link a tenant controls. Reading followed the link to
// the Corefile; the tenant then points the link at another file before the write. Resolving the
// link again when writing (what write_file_atomically(link) did) overwrote that other file.
TEST_CASE("io::replace_file writes the file that was read", "[io][hardening]") {
  const test::TempDir folder;
  const fs::path corefile = folder.path() / "Corefile";
  const fs::path unrelated = folder.path() / "unrelated";
  const fs::path link = folder.path() / "link";
  put(corefile, "old\n");
  put(unrelated, "precious\n");
  fs::create_symlink(corefile, link);

  const Result<FileForEdit> read = read_for_edit(link);
  REQUIRE(read.has_value());
  CHECK(read->bytes == "old\n");

  SECTION("the link is swapped in between: the write still lands on the file read") {
    fs::remove(link);
    fs::create_symlink(unrelated, link);
    REQUIRE(replace_file(link, *read, "new\n").has_value());
    CHECK(get(corefile) == "new\n");
    CHECK(get(unrelated) == "precious\n");
    CHECK(fs::is_symlink(link));
  }
  SECTION("the file read is replaced by another one: refused, nothing written") {
    put(folder.path() / "swap", "someone else's\n");
    fs::rename(folder.path() / "swap", corefile);
    const Result<void> written = replace_file(link, *read, "new\n");
    REQUIRE_FALSE(written.has_value());
    CHECK(written.error().code == Errc::conflict);
    CHECK(written.error().what == "cannot write " + link.string());
    CHECK(get(corefile) == "someone else's\n");
  }
  SECTION("the file read is turned into a link to another file: refused, not followed") {
    fs::remove(corefile);
    fs::create_symlink(unrelated, corefile);
    const Result<void> written = replace_file(link, *read, "new\n");
    REQUIRE_FALSE(written.has_value());
    CHECK(written.error().code == Errc::conflict);
    CHECK(get(unrelated) == "precious\n");
    CHECK(fs::is_symlink(corefile));
  }
  for (const auto& entry : fs::directory_iterator(folder.path())) {
    CHECK(entry.path().filename().string().find(".meshdns-") == std::string::npos);
  }
}

TEST_CASE("io::read_for_edit errors", "[io]") {
  const test::TempDir folder;
  const Result<FileForEdit> missing = read_for_edit(folder.path() / "missing");
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().why == "No such file or directory");
  const Result<FileForEdit> dir = read_for_edit(folder.path());
  REQUIRE_FALSE(dir.has_value());
  CHECK(dir.error().why == "it is not a regular file");
}

// sed -i keeps the owner; the temporary file is ours (root's, under sudo) until we chown it.
TEST_CASE("io::write_file_atomically keeps the owner", "[io][hardening]") {
  MESHDNS_SKIP_UNLESS(::geteuid() == 0, "changing a file's owner needs root");
  const test::TempDir folder;
  const fs::path file = folder.path() / "Corefile";
  for (const mode_t mode : {mode_t{0640}, mode_t{04755}, mode_t{02750}}) {
    INFO("mode " << std::oct << mode);
    put(file, "old\n");
    REQUIRE(::chown(file.c_str(), 65534, 65534) == 0);
    REQUIRE(::chmod(file.c_str(), mode) == 0);
    REQUIRE(write_file_atomically(file, "new\n").has_value());
    const struct stat info = stat_of(file);
    CHECK(info.st_uid == 65534);
    CHECK(info.st_gid == 65534);
    CHECK((info.st_mode & 07777) == mode);  // a setuid bit stays with its owner
  }
}

// A user who may not give the file back to its owner gets it, without set-user/group-ID bits: they
// would grant the new owner's rights (issue #17: setuid copied onto a root-owned file).
TEST_CASE("io::write_file_atomically never carries setuid to another owner", "[io][hardening]") {
  MESHDNS_SKIP_UNLESS(::geteuid() == 0, "making a file of another user needs root");
  const test::TempDir folder;
  const fs::path shared = folder.path() / "shared";
  fs::create_directory(shared);
  REQUIRE(::chmod(folder.path().c_str(), 0755) == 0);
  REQUIRE(::chmod(shared.c_str(), 0777) == 0);
  const fs::path file = shared / "Corefile";
  put(file, "old\n");
  REQUIRE(::chown(file.c_str(), 12345, 12345) == 0);
  REQUIRE(::chmod(file.c_str(), 06666) == 0);

  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // nobody:nogroup, who may write the folder but not chown a file to uid 12345.
    const bool dropped =
        ::setgroups(0, nullptr) == 0 && ::setgid(65534) == 0 && ::setuid(65534) == 0;
    const bool ok = dropped && write_file_atomically(file, "new\n").has_value();
    ::_exit(ok ? 0 : 1);
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  const struct stat info = stat_of(file);
  CHECK(get(file) == "new\n");
  CHECK(info.st_uid == 65534);
  CHECK(info.st_gid == 65534);
  CHECK((info.st_mode & 07777) == 0666);
}

}  // namespace
}  // namespace meshdns::io
