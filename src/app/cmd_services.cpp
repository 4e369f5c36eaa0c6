// `bigbrotr <service>` (one pipeline service) and `bigbrotr run` (all of them in one
// process). Exit codes: 0 after a clean stop or a successful --once cycle; 1 when a --once
// cycle failed, a service gave up after max_consecutive_failures, or the database could
// not be opened; 2 on a configuration error (main()), a bad or, for a publishing monitor,
// missing Nostr key included (service_keys.hpp).
#include <algorithm>
#include <iostream>
#include <memory>
#include <thread>
#include <vector>

#include "app/commands.hpp"
#include "app/database_options.hpp"
#include "app/service_keys.hpp"
#include "app/service_launch.hpp"
#include "core/service/metrics_endpoint.hpp"
#include "core/service/service_runner.hpp"
#include "core/service/signal_watcher.hpp"
#include "services/service_factory.hpp"

namespace bigbrotr::app {
namespace {

using models::ServiceName;

std::string_view description(ServiceName name) {
  switch (name) {
    case ServiceName::seeder:
      return "Load the seed file into the validator's candidates (usually with --once)";
    case ServiceName::finder:
      return "Discover relay URLs in public lists and in archived events' tags";
    case ServiceName::validator:
      return "Probe candidate URLs and promote those that speak Nostr to relays";
    case ServiceName::monitor:
      return "Measure relay health (NIP-11, NIP-66) and publish the results";
    case ServiceName::synchronizer:
      return "Archive the events relays serve";
    case ServiceName::refresher:
      return "Refresh the statistics views";
    case ServiceName::api:
      return "Serve the read-only HTTP API and the web page";
    default:
      return "Run a service";
  }
}

services::ServiceOptions service_options(const ServiceArguments& arguments) {
  return services::ServiceOptions{.allow_local = arguments.allow_local, .seed_file = arguments.seed_file};
}

// The metrics a service publishes: a handle on `registry` when its config enables
// metrics and the run is continuous (one-shot runs publish nothing), else a no-op handle.
core::ServiceMetrics metrics_for(ServiceName name, const core::DeploymentConfig& config, bool once,
                                 const std::shared_ptr<core::MetricsRegistry>& registry) {
  if (once || !config.base(name).metrics.enabled) return {};
  return core::ServiceMetrics(registry, name);
}

int run_single(ServiceName name, const ServiceArguments& arguments) {
  const core::DeploymentConfig config = load_service_config(arguments);
  check_service_keys(config, name);
  const core::Logger logger = make_logger(arguments, std::string(models::to_string(name)));
  for (const auto& file : config.defaulted_files)
    logger.info("config file missing, using defaults", {{"file", file.string()}});
  core::StopSignal stop;
  const core::SignalWatcher signals(stop, logger);
  const auto store = open_service_store(config, name, logger, false);
  const auto registry = std::make_shared<core::MetricsRegistry>();
  core::ServiceMetrics metrics = metrics_for(name, config, arguments.once, registry);
  std::unique_ptr<core::MetricsEndpoint> endpoint;
  const core::BaseServiceConfig& base = config.base(name);
  if (metrics.enabled() && base.metrics.serves()) {
    endpoint = std::make_unique<core::MetricsEndpoint>(base.metrics, registry, logger.for_service("metrics"));
    logger.info("serving metrics", {{"url", endpoint->url()}});
  }
  const core::ServiceContext context{*store, logger, metrics, stop};
  const auto service = services::make_service(name, config, service_options(arguments), context);
  if (arguments.once) return core::run_once(*service, *store, logger);
  return core::run_cycles(*service, *store, base, logger, metrics, stop);
}

// One service of `bigbrotr run`, with everything it borrows.
struct RunningService {
  ServiceName name;
  core::Logger logger;
  std::unique_ptr<core::store::Store> store;  // null when the services share one
  core::store::Store* store_in_use;           // store, or the shared one
  core::ServiceMetrics metrics;
  std::unique_ptr<core::Service> service;
  int exit_code = core::kExitSuccess;
};

// SQLite in memory is private to its connection, so the services must share one store.
bool needs_shared_store(const core::DeploymentConfig& config) {
  return config.storage.database.url == "sqlite::memory:";
}

// Builds every provided service in pipeline order, each with its own logger, store
// (unless the database is in memory) and metrics handle.
std::vector<std::unique_ptr<RunningService>> build_services(
    const core::DeploymentConfig& config, const ServiceArguments& arguments, const core::Logger& logger,
    core::store::Store& shared_store, const std::shared_ptr<core::MetricsRegistry>& registry,
    const core::StopSignal& stop) {
  std::vector<std::unique_ptr<RunningService>> running;
  for (const ServiceName name : services::provided_services()) {
    auto entry = std::make_unique<RunningService>(RunningService{
        name, logger.for_service(std::string(models::to_string(name))), nullptr, &shared_store,
        metrics_for(name, config, arguments.once || name == ServiceName::seeder, registry), nullptr});
    if (!needs_shared_store(config)) {
      entry->store = open_service_store(config, name, entry->logger, false);
      entry->store_in_use = entry->store.get();
    }
    const core::ServiceContext context{*entry->store_in_use, entry->logger, entry->metrics, stop};
    entry->service = services::make_service(name, config, service_options(arguments), context);
    running.push_back(std::move(entry));
  }
  return running;
}

// The one endpoint of `run`: on the metrics host/port/path of the first continuous
// service that serves metrics; null when none does.
std::unique_ptr<core::MetricsEndpoint> start_shared_endpoint(
    const core::DeploymentConfig& config, const std::vector<std::unique_ptr<RunningService>>& running,
    const std::shared_ptr<core::MetricsRegistry>& registry, const core::Logger& logger) {
  for (const auto& entry : running) {
    const core::MetricsConfig metrics = config.base(entry->name).metrics;
    if (entry->name == ServiceName::seeder || !metrics.serves()) continue;
    auto endpoint = std::make_unique<core::MetricsEndpoint>(metrics, registry, logger.for_service("metrics"));
    logger.info("serving metrics of every service",
                {{"url", endpoint->url()}, {"config_of", models::to_string(entry->name)}});
    return endpoint;
  }
  return nullptr;
}

// The order of `run`'s single cycles (every service with --once, the seeder alone
// otherwise): pipeline order, except that the finder follows the synchronizer, whose
// archive it reads, so the relay URLs tagged in the events this pass archives become
// candidates in the same pass (the next pass validates them, as it does the URLs of the
// finder's relay lists).
std::vector<RunningService*> one_pass_order(const std::vector<std::unique_ptr<RunningService>>& running) {
  std::vector<RunningService*> order;
  order.reserve(running.size());
  for (const auto& entry : running) order.push_back(entry.get());
  const auto finder = std::ranges::find(order, ServiceName::finder, &RunningService::name);
  const auto synchronizer = std::ranges::find(order, ServiceName::synchronizer, &RunningService::name);
  if (finder < synchronizer && synchronizer != order.end()) std::rotate(finder, finder + 1, synchronizer + 1);
  return order;
}

// Runs every service but the seeder on its own thread until a stop. A service that gives
// up ends the whole process (exit 1), as its own process would, so a supervisor notices.
int run_continuously(const core::DeploymentConfig& config,
                     std::vector<std::unique_ptr<RunningService>>& running, core::StopSignal& stop) {
  {
    std::vector<std::jthread> threads;
    for (const auto& entry : running) {
      if (entry->name == ServiceName::seeder) continue;
      RunningService* service = entry.get();
      threads.emplace_back([service, &config, &stop] {
        service->exit_code =
            core::run_cycles(*service->service, *service->store_in_use, config.base(service->name),
                             service->logger, service->metrics, stop);
        if (service->exit_code != core::kExitSuccess) stop.request_stop();
      });
    }
  }
  int exit_code = core::kExitSuccess;
  for (const auto& entry : running) {
    if (entry->exit_code != core::kExitSuccess) exit_code = entry->exit_code;
  }
  return exit_code;
}

int run_all(const ServiceArguments& arguments) {
  const core::DeploymentConfig config = load_service_config(arguments);
  for (const ServiceName name : services::provided_services()) check_service_keys(config, name);
  const core::Logger logger = make_logger(arguments, "run");
  for (const auto& file : config.defaulted_files)
    logger.info("config file missing, using defaults", {{"file", file.string()}});
  core::StopSignal stop;
  const core::SignalWatcher signals(stop, logger);
  // `run` is the one-command start: it creates the schema when the database has none.
  const auto shared_store = open_service_store(config, ServiceName::seeder, logger, true);
  const auto registry = std::make_shared<core::MetricsRegistry>();
  auto running = build_services(config, arguments, logger, *shared_store, registry, stop);
  logger.info("services ready", {{"count", running.size()}, {"once", arguments.once}});
  const auto endpoint = arguments.once ? nullptr : start_shared_endpoint(config, running, registry, logger);

  // The seeder always runs once, first, so the other services start with its candidates;
  // with --once every service runs one cycle, in one_pass_order().
  int exit_code = core::kExitSuccess;
  for (RunningService* entry : one_pass_order(running)) {
    if (stop.stop_requested()) break;
    if (!arguments.once && entry->name != ServiceName::seeder) continue;
    // One cycle of the api would open a port only to close it.
    if (entry->name == ServiceName::api) continue;
    entry->exit_code = core::run_once(*entry->service, *entry->store_in_use, entry->logger);
    if (entry->exit_code != core::kExitSuccess) exit_code = entry->exit_code;
  }
  if (!arguments.once) exit_code = run_continuously(config, running, stop);
  logger.info("all services stopped", {{"exit_code", exit_code}});
  return exit_code;
}

// Start-up failures of the database become exit 1 with the reason; config errors pass
// through to main() (exit 2).
template <class Run>
int guarded(Run&& run) {
  try {
    return run();
  } catch (const core::store::StoreError& error) {
    std::cerr << "bigbrotr: database error: " << error.what() << '\n';
    return core::kExitFailure;
  }
}

void add_service_options(CLI::App& command, ServiceArguments& arguments, bool takes_seed_file) {
  command.add_flag("--once", arguments.once, "Run one cycle and exit (0 = success, 1 = the cycle failed)");
  command.add_option(
      "--config", arguments.config_dir,
      "Deployment folder holding brotr.yaml and services/<service>.yaml (default: built-in defaults)");
  command.add_option("--db", arguments.db, kDatabaseUrlHelp);
  command.add_flag("--allow-local", arguments.allow_local,
                   "Accept loopback and LAN relays (tests, private networks)");
  command.add_option("--log-level", arguments.log_level, "debug, info, warning or error (default: info)");
  command.add_option("--log-format", arguments.log_format, "text or json (default: text)");
  if (takes_seed_file) {
    command.add_option(
        "--seed-file", arguments.seed_file,
        "Seed file, one relay URL per line (overrides seed.file_path; default data/seed_relays.txt)");
  }
}

constexpr const char* kServiceFooter =
    "Without --once the service runs a cycle every `interval` seconds until SIGINT or\n"
    "SIGTERM (in-flight work finishes, exit 0; a second signal exits at once) or until\n"
    "max_consecutive_failures cycles in a row fail or the SQLite file is deleted (exit 1).\n"
    "Logs go to stderr. The database must have a schema: run `bigbrotr init` first.\n"
    "The api serves from its first cycle on (host, port and prefix: services/api.yaml); its\n"
    "--once opens the database and the port, then exits: a check of the set-up.\n"
    "Exit 2: configuration error (a bad or, for a publishing monitor, missing key included).";

constexpr const char* kRunFooter =
    "Runs the seeder once, then every other service on its own thread until SIGINT or\n"
    "SIGTERM (exit 0) or until one gives up after max_consecutive_failures (exit 1).\n"
    "With --once: one cycle of each (seeder, validator, monitor, synchronizer, finder,\n"
    "refresher; not the api), then exit (1 if any failed).\n"
    "Creates the database schema when it is missing. One metrics endpoint serves every\n"
    "service, on the metrics host/port of the first service that enables it.";

}  // namespace

void add_service_commands(CLI::App& app, int& exit_code) {
  for (const ServiceName name : services::provided_services()) {
    CLI::App* command =
        app.add_subcommand(std::string(models::to_string(name)), std::string(description(name)));
    command->footer(kServiceFooter);
    auto arguments = std::make_shared<ServiceArguments>();
    add_service_options(*command, *arguments, name == ServiceName::seeder);
    command->callback(
        [name, arguments, &exit_code] { exit_code = guarded([&] { return run_single(name, *arguments); }); });
  }
  CLI::App* run = app.add_subcommand("run", "Run every service in one process (seeder first)");
  run->footer(kRunFooter);
  auto arguments = std::make_shared<ServiceArguments>();
  add_service_options(*run, *arguments, true);
  run->callback([arguments, &exit_code] { exit_code = guarded([&] { return run_all(*arguments); }); });
}

}  // namespace bigbrotr::app
