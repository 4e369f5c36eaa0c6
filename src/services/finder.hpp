#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/config/finder_config.hpp"
#include "core/service/service.hpp"
#include "core/service/service_context.hpp"
#include "models/relay.hpp"
#include "services/finder/relay_list_expression.hpp"

// The finder (services.md §2): discovers relay URLs in public HTTP relay lists (API
// phase) and in the tags of archived events (events phase), and registers them as
// validator candidates.
namespace bigbrotr::services {

class Finder final : public core::Service {
 public:
  // Compiles every source's expression (enabled or not) and throws
  // std::invalid_argument naming the source and the offset of the first unsupported
  // syntax, so a bad config fails at start-up. `parse_options.allow_local` (--allow-local)
  // also lets API sources live on loopback / LAN hosts.
  Finder(core::FinderConfig config, models::RelayParseOptions parse_options, core::ServiceContext context);

  models::ServiceName name() const noexcept override { return models::ServiceName::finder; }
  // Deletes cursors of relays that no longer exist and checkpoints of sources that are
  // no longer configured.
  std::size_t cleanup() override;
  // The API phase, then the events phase (each if enabled).
  void run() override;

  // Extra trusted CA file for HTTPS sources (tests, private deployments).
  void set_extra_ca_file(std::string path) { extra_ca_file_ = std::move(path); }

 private:
  void run_api_phase();
  void run_event_phase();

  core::FinderConfig config_;
  models::RelayParseOptions parse_options_;
  core::ServiceContext context_;
  std::vector<finder::RelayListExpression> expressions_;  // one per config_.api.sources entry
  std::string extra_ca_file_;
};

}  // namespace bigbrotr::services
