#include "core/store/postgres/postgres_backup.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <string>
#include <system_error>
#include <vector>

#include "core/store/store.hpp"

extern char** environ;

namespace bigbrotr::core::store::postgres {
namespace {

// Runs `program` (found on PATH) with `arguments`, its standard output into `output` (or
// inherited when empty) and `extra_environment` added to ours. The exit status, or -1
// when it could not start.
int run_program(const std::vector<std::string>& arguments, const std::vector<std::string>& extra_environment,
                const std::filesystem::path& output) {
  std::vector<char*> argv;
  argv.reserve(arguments.size() + 1);
  for (const std::string& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
  argv.push_back(nullptr);
  std::vector<std::string> environment_text(extra_environment);
  for (char** entry = environ; *entry != nullptr; ++entry) environment_text.emplace_back(*entry);
  std::vector<char*> envp;
  envp.reserve(environment_text.size() + 1);
  for (std::string& entry : environment_text) envp.push_back(entry.data());
  envp.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (!output.empty()) {
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  }
  pid_t child = 0;
  const int started = posix_spawnp(&child, argv[0], &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (started != 0) return -1;
  int status = 0;
  while (::waitpid(child, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

PostgresBackupReport backup_postgres(const StorageConfig& config, const std::filesystem::path& target) {
  std::error_code ec;
  if (std::filesystem::exists(target, ec)) throw StoreError("backup: " + target.string() + " exists already", false);
  const std::filesystem::path partial = target.string() + ".partial";
  const std::filesystem::path listing = target.string() + ".list";
  std::vector<std::string> environment{"PGAPPNAME=bigbrotr-backup"};
  if (const auto password = database_login(config, std::nullopt).password)
    environment.push_back("PGPASSWORD=" + *password);
  const int dumped = run_program({"pg_dump", "--format=custom", "--no-password", "--file=" + partial.string(),
                                  "--dbname=" + config.database.url},
                                 environment, {});
  if (dumped != 0) {
    std::filesystem::remove(partial, ec);
    throw StoreError("backup: pg_dump of " + config.redacted_url() + " failed (exit " + std::to_string(dumped) +
                         (dumped == -1 ? ": not installed?" : "") + ")",
                     false);
  }
  const int listed = run_program({"pg_restore", "--list", partial.string()}, {}, listing);
  PostgresBackupReport report;
  std::ifstream lines(listing);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && line.front() != ';') ++report.entries;
  }
  std::filesystem::remove(listing, ec);
  if (listed != 0 || report.entries == 0) {
    std::filesystem::remove(partial, ec);
    throw StoreError("backup: pg_restore cannot read the dump back (exit " + std::to_string(listed) + ")", false);
  }
  std::filesystem::rename(partial, target);
  report.bytes = static_cast<std::int64_t>(std::filesystem::file_size(target));
  return report;
}

}  // namespace bigbrotr::core::store::postgres
