#include "support/temp_dir.hpp"

#include <meshdns/io/file.hpp>

#include <catch2/catch.hpp>
#include <sys/resource.h>
#include <sys/stat.h>
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

}  // namespace
}  // namespace meshdns::io
