#include "services/service_factory.hpp"

#include <stdexcept>

#include "services/api/api.hpp"
#include "services/finder.hpp"
#include "services/monitor/monitor.hpp"
#include "services/refresher.hpp"
#include "services/seeder.hpp"
#include "services/synchronizer/synchronizer.hpp"
#include "services/validator.hpp"

namespace bigbrotr::services {
namespace {

using ServicePtr = std::unique_ptr<core::Service>;
// What every builder receives; one struct so each case below stays a single line.
struct BuildInputs {
  const core::DeploymentConfig& config;
  const ServiceOptions& options;
  core::ServiceContext context;
};
using Builder = ServicePtr (*)(const BuildInputs&);

models::RelayParseOptions parse_options(const ServiceOptions& options) {
  return models::RelayParseOptions{.allow_local = options.allow_local};
}

core::SeederConfig seeder_config(const BuildInputs& in) {
  core::SeederConfig config = in.config.seeder;
  if (in.options.seed_file) config.seed_file_path = *in.options.seed_file;
  return config;
}

// The one list of services this build provides: a service is added by adding its case.
// Returns nullptr for a service not built yet.
Builder builder_for(models::ServiceName name) {
  using models::ServiceName;
  switch (name) {
    case ServiceName::seeder:
      return [](const BuildInputs& in) -> ServicePtr {
        return std::make_unique<Seeder>(seeder_config(in), parse_options(in.options), in.context);
      };
    case ServiceName::refresher:
      return [](const BuildInputs& in) -> ServicePtr {
        return std::make_unique<Refresher>(in.config.refresher, in.context);
      };
    case ServiceName::synchronizer:
      return [](const BuildInputs& in) -> ServicePtr {
        return std::make_unique<Synchronizer>(in.config.synchronizer, in.context);
      };
    case ServiceName::validator:
      return [](const BuildInputs& in) -> ServicePtr {
        return std::make_unique<Validator>(in.config.validator, in.context);
      };
    case ServiceName::finder:
      return [](const BuildInputs& in) -> ServicePtr {
        return std::make_unique<Finder>(in.config.finder, parse_options(in.options), in.context);
      };
    case ServiceName::monitor:
      return [](const BuildInputs& in) -> ServicePtr {
        return std::make_unique<Monitor>(in.config.monitor, in.context);
      };
    case ServiceName::api:
      return [](const BuildInputs& in) -> ServicePtr {
        return std::make_unique<Api>(in.config.api, in.config.storage, in.context);
      };
    default:
      return nullptr;
  }
}

}  // namespace

std::unique_ptr<core::Service> make_service(models::ServiceName name, const core::DeploymentConfig& config,
                                            const ServiceOptions& options, core::ServiceContext context) {
  const Builder build = builder_for(name);
  if (build == nullptr) {
    throw std::invalid_argument("service " + std::string(models::to_string(name)) +
                                " is not provided by this build");
  }
  const BuildInputs inputs{config, options, context};
  return build(inputs);
}

std::vector<models::ServiceName> provided_services() {
  std::vector<models::ServiceName> provided;
  for (const models::ServiceName name : models::all_service_names()) {
    if (builder_for(name) != nullptr) provided.push_back(name);
  }
  return provided;
}

}  // namespace bigbrotr::services
