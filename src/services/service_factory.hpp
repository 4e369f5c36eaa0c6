#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/config/deployment_config.hpp"
#include "core/service/service.hpp"
#include "core/service/service_context.hpp"
#include "models/enums.hpp"

// Builds a pipeline service from a deployment's config, for `bigbrotr <service>` and
// `bigbrotr run`.
namespace bigbrotr::services {

// Command-line overrides that are not part of a service's own config file.
struct ServiceOptions {
  // --allow-local: loopback and LAN relays are accepted where URLs are parsed (seed file,
  // finder). The caller has already enabled networks.local in the config.
  bool allow_local = false;
  // --seed-file: replaces seed.file_path.
  std::optional<std::string> seed_file;
};

// The service named `name`, borrowing `context`. Throws std::invalid_argument for a
// service this build does not provide. Constructing a service does no I/O.
std::unique_ptr<core::Service> make_service(models::ServiceName name, const core::DeploymentConfig& config,
                                            const ServiceOptions& options, core::ServiceContext context);

// The services make_service can build, in pipeline order (seeder, finder, validator,
// monitor, synchronizer, refresher, then the api that reads what they wrote). The CLI registers one subcommand per entry and
// `bigbrotr run` runs exactly these, so adding a service needs no CLI edit.
std::vector<models::ServiceName> provided_services();

}  // namespace bigbrotr::services
