// `bigbrotr init`: creates or upgrades the database schema, idempotently, on the database
// of app/database_options.hpp.
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "app/commands.hpp"
#include "app/database_options.hpp"
#include "core/logging/logger.hpp"
#include "core/store/open_store.hpp"

namespace bigbrotr::app {
namespace {

struct InitArguments {
  DatabaseArguments database;
  std::optional<std::string> flavour;
};

std::string_view outcome(const core::store::SchemaStatus& status) {
  if (status.created) return "created";
  if (status.upgraded) return "upgraded";
  return "unchanged";
}

// Start-up problems (bad config, bad URL) are thrown as ConfigError and become exit 2 in
// main(); a database that cannot be opened or initialised is exit 1.
int run_init(const InitArguments& arguments, std::ostream& out, std::ostream& err) {
  core::StorageConfig config = load_storage(arguments.database);
  if (arguments.flavour) config.database.flavour = *core::parse_database_flavour(*arguments.flavour);
  if (!config.pool.server_settings.application_name)
    config.pool.server_settings.application_name = "bigbrotr-init";
  const core::Logger logger("init", core::LogLevel::warning, core::LogFormat::text, err);
  try {
    const auto store = core::store::open_store(config, logger, models::ServiceName::seeder);
    // Without --flavour an existing schema keeps its own; the config's applies to a new one.
    const bool exists = store->schema_version() > 0;
    const core::DatabaseFlavour flavour =
        arguments.flavour || !exists ? config.database.flavour : store->flavour();
    const core::store::SchemaStatus status = store->init(flavour);
    out << "backend " << store->backend() << '\n'
        << "url " << config.redacted_url() << '\n'
        << "flavour " << core::to_string(store->flavour()) << '\n'
        << "schema_version " << status.version << '\n'
        << "schema " << outcome(status) << '\n';
    out.flush();
    return 0;
  } catch (const core::store::StoreError& error) {
    err << "bigbrotr: cannot initialise the database " << config.redacted_url() << ": " << error.what()
        << '\n';
    return 1;
  }
}

}  // namespace

void add_init_command(CLI::App& app, int& exit_code) {
  CLI::App* init = app.add_subcommand("init", "Create or upgrade the database schema (idempotent)");
  init->footer(
      "Prints the backend, the URL (password redacted), the flavour, the schema version and\n"
      "whether the schema was created, upgraded or unchanged. Exits 1 when the database\n"
      "cannot be opened or initialised, 2 on a configuration error.");
  auto arguments = std::make_shared<InitArguments>();
  add_database_options(*init, arguments->database);
  init->add_option(
          "--flavour", arguments->flavour,
          "Schema flavour; an existing schema's cannot change (default: the existing one, else the config's)")
      ->check(CLI::IsMember({"bigbrotr", "lilbrotr"}));
  init->callback([arguments, &exit_code] { exit_code = run_init(*arguments, std::cout, std::cerr); });
}

}  // namespace bigbrotr::app
