#include <exception>
#include <iostream>

#include "app/commands.hpp"
#include "core/config/config_error.hpp"

int main(int argc, char** argv) try {
  CLI::App app{
      "bigbrotr: an observatory of the Nostr relay network.\n"
      "Finds relays, validates them, measures their health (NIP-11, NIP-66),\n"
      "publishes the results as signed events and archives what relays serve.",
      "bigbrotr"};
  app.set_version_flag("--version", "bigbrotr 0.1.0");
  app.require_subcommand(1);

  int exit_code = 0;
  bigbrotr::app::add_event_command(app, exit_code);
  bigbrotr::app::add_relay_command(app, exit_code);
  bigbrotr::app::add_keys_command(app, exit_code);
  bigbrotr::app::add_init_command(app, exit_code);
  bigbrotr::app::add_backup_command(app, exit_code);
  bigbrotr::app::add_service_commands(app, exit_code);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const bigbrotr::core::ConfigError& e) {
    std::cerr << "bigbrotr: configuration error: " << e.what() << '\n';
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "bigbrotr: " << e.what() << '\n';
    return 1;
  }
  return exit_code;
} catch (const std::exception& e) {
  // Setting up the command line failed, or a handler above threw: still a message, not
  // std::terminate.
  std::cerr << "bigbrotr: " << e.what() << '\n';
  return 1;
}
