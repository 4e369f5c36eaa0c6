#include "app/database_options.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace bigbrotr::app {
namespace {

namespace fs = std::filesystem;

// The storage that `bigbrotr <command> ARGS` would open (CLI11 takes the arguments last first).
core::StorageConfig storage_for(std::vector<std::string> reversed_arguments) {
  DatabaseArguments arguments;
  CLI::App app;
  add_database_options(app, arguments);
  app.parse(reversed_arguments);
  return load_storage(arguments);
}

TEST(DatabaseOptions, DbWinsOverTheConfig) {
  EXPECT_EQ(storage_for({"sqlite:/tmp/from-flag.db", "--db"}).redacted_url(), "sqlite:/tmp/from-flag.db");
}

TEST(DatabaseOptions, TheConfigFolderNamesTheDatabase) {
  if (std::getenv("BIGBROTR_DB") != nullptr) GTEST_SKIP() << "BIGBROTR_DB is set in this environment";
  const fs::path dir = fs::temp_directory_path() / ("bigbrotr-dbopt-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "brotr.yaml") << "database:\n  url: sqlite:/tmp/from-config.db\n";
  EXPECT_EQ(storage_for({dir.string(), "--config"}).redacted_url(), "sqlite:/tmp/from-config.db");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace bigbrotr::app
