#pragma once

#include <CLI/CLI.hpp>

// One function per top-level subcommand of `bigbrotr`; each lives in its own
// cmd_<name>.cpp. A command stores its process exit code in `exit_code` (0 = success);
// start-up failures (bad config) are thrown and mapped to exit codes in main().
namespace bigbrotr::app {

void add_event_command(CLI::App& app, int& exit_code);
void add_relay_command(CLI::App& app, int& exit_code);
void add_relay_check_command(CLI::App& relay, int& exit_code);
void add_keys_command(CLI::App& app, int& exit_code);
void add_init_command(CLI::App& app, int& exit_code);
void add_backup_command(CLI::App& app, int& exit_code);
// One subcommand per service make_service provides, plus `run` (cmd_services.cpp).
void add_service_commands(CLI::App& app, int& exit_code);

}  // namespace bigbrotr::app
