// `bigbrotr backup --output FILE`: a consistent copy of the database while the services
// keep running (docs/operations.md, Backups), of the database of app/database_options.hpp.
#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>

#include "app/commands.hpp"
#include "app/database_options.hpp"
#include "core/store/backup_database.hpp"
#include "core/store/store.hpp"

namespace bigbrotr::app {
namespace {

struct BackupArguments {
  DatabaseArguments database;
  std::filesystem::path output;
};

// A bad config is thrown as ConfigError (exit 2 in main()); a failed backup is exit 1.
int run_backup(const BackupArguments& arguments, std::ostream& out, std::ostream& err) {
  const core::StorageConfig config = load_storage(arguments.database);
  const auto started = std::chrono::steady_clock::now();
  try {
    const core::store::BackupReport report = core::store::backup_database(config, arguments.output);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    out << "backend " << report.backend << '\n'
        << "url " << config.redacted_url() << '\n'
        << "output " << arguments.output.string() << '\n'
        << "bytes " << report.bytes << '\n'
        << "check " << report.check << '\n'
        << "seconds " << seconds << '\n';
    out.flush();
    return 0;
  } catch (const core::store::StoreError& error) {
    err << "bigbrotr: " << error.what() << '\n';
    return 1;
  }
}

}  // namespace

void add_backup_command(CLI::App& app, int& exit_code) {
  CLI::App* backup = app.add_subcommand("backup", "Copy the database to a file while the services run");
  backup->footer(
      "SQLite: the online backup API, one consistent moment, checked with integrity_check; the\n"
      "copy is a plain database file (restore: stop the services, put it in place).\n"
      "PostgreSQL: pg_dump --format=custom, listed back by pg_restore (restore: pg_restore\n"
      "--dbname=... FILE into an empty database). The file appears only when complete; an\n"
      "existing file is never overwritten. Exits 1 when the backup fails, 2 on a configuration error.");
  auto arguments = std::make_shared<BackupArguments>();
  backup->add_option("--output,-o", arguments->output, "The backup file to write (must not exist)")->required();
  add_database_options(*backup, arguments->database);
  backup->callback([arguments, &exit_code] { exit_code = run_backup(*arguments, std::cout, std::cerr); });
}

}  // namespace bigbrotr::app
