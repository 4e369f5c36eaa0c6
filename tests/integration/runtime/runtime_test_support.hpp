#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "support/run_command.hpp"

// What the runtime tests share: a temp folder per test holding a deployment config, a
// seed file and a SQLite database.
namespace bigbrotr::testing {

class TempFolder {
 public:
  TempFolder() {
    char pattern[] = "/tmp/bigbrotr-runtime-XXXXXX";
    if (::mkdtemp(pattern) == nullptr) throw std::runtime_error("cannot create a temp folder");
    path_ = pattern;
  }
  ~TempFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Writes `text` to path()/relative, creating folders; returns the full path.
  std::filesystem::path write(const std::filesystem::path& relative, const std::string& text) const {
    const auto full = path_ / relative;
    std::filesystem::create_directories(full.parent_path());
    std::ofstream(full) << text;
    return full;
  }
  // "sqlite:<path()>/bigbrotr.db"
  std::string sqlite_url() const { return "sqlite:" + (path_ / "bigbrotr.db").string(); }

 private:
  std::filesystem::path path_;
};

// Creates the schema of `database_url` with `bigbrotr init`.
inline void init_database(const std::string& database_url) {
  const CommandResult result = run_bigbrotr({"init", "--db", database_url});
  ASSERT_EQ(result.exit_code, 0) << result.err;
}

}  // namespace bigbrotr::testing
