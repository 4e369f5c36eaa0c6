#pragma once

#include <cstdint>
#include <memory>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/storage_config.hpp"
#include "core/logging/logger.hpp"
#include "core/service/service_context.hpp"
#include "core/service/service_metrics.hpp"
#include "core/service/stop_signal.hpp"
#include "core/store/open_store.hpp"
#include "models/event.hpp"
#include "models/event_relay.hpp"
#include "models/relay.hpp"

// What the service tests share: a store with its schema, a logger whose lines the test
// can read, enabled metrics, a stop signal, and builders for relays and signed events.
namespace bigbrotr::testing {

// The store and the process-wide parts a service borrows, owned together. Logs at
// debug level into a string the test can search.
class ServiceHarness {
 public:
  // `database_url` as in StorageConfig ("sqlite::memory:", a libpq conninfo, ...).
  explicit ServiceHarness(const std::string& database_url = "sqlite::memory:",
                          models::ServiceName service = models::ServiceName::validator)
      : logger_("test", core::LogLevel::debug, core::LogFormat::text, log_),
        registry_(std::make_shared<core::MetricsRegistry>()),
        metrics_(registry_, service) {
    core::StorageConfig config;
    config.database.url = database_url;
    store_ = core::store::open_store(config, logger_, service);
    store_->init(core::DatabaseFlavour::bigbrotr);
  }

  core::store::Store& store() { return *store_; }
  core::StopSignal& stop() { return stop_; }
  core::ServiceContext context() { return core::ServiceContext{*store_, logger_, metrics_, stop_}; }
  // Everything logged so far.
  std::string log() const { return log_.str(); }
  // The value of service_gauge{name=`name`}, or -1 when it was never set.
  double gauge(std::string_view name) const { return sample("service_gauge{", name); }
  // The value of service_counter_total{name=`name`}, or -1 when it was never incremented.
  double counter(std::string_view name) const { return sample("service_counter_total{", name); }

 private:
  double sample(std::string_view family, std::string_view name) const {
    std::istringstream text(registry_->text());
    const std::string label = "name=\"" + std::string(name) + "\"";
    for (std::string line; std::getline(text, line);) {
      if (line.starts_with(family) && line.find(label) != std::string::npos)
        return std::stod(line.substr(line.rfind(' ') + 1));
    }
    return -1;
  }

  std::ostringstream log_;
  core::Logger logger_;
  std::shared_ptr<core::MetricsRegistry> registry_;
  core::ServiceMetrics metrics_;
  core::StopSignal stop_;
  std::unique_ptr<core::store::Store> store_;
};

// A relay from a URL the test knows is valid (loopback allowed).
inline models::Relay relay_of(std::string_view url, std::int64_t discovered_at = 1000) {
  auto relay = models::Relay::parse(url, {true}, discovered_at);
  if (!relay) throw std::logic_error("bad test relay " + std::string(url) + ": " + relay.reason());
  return std::move(relay).value();
}

// An event signed with a fixed test key; `content` makes otherwise equal events distinct.
inline models::Event signed_event(std::int64_t created_at, models::EventTags tags, std::string content) {
  models::SecretKey key{};
  key.fill(7);
  return models::Event::sign(created_at, 1, std::move(tags), std::move(content), key);
}

inline models::EventRelay seen_on(const models::Event& event, const models::Relay& relay,
                                  std::int64_t seen_at) {
  auto observation = models::EventRelay::create(event, relay, seen_at);
  if (!observation) throw std::logic_error("bad test observation: " + observation.reason());
  return std::move(observation).value();
}

// The URLs of the store's candidates, in URL order.
inline std::vector<std::string> candidate_urls(core::store::Store& store) {
  std::vector<std::string> urls;
  for (const auto& candidate : store.all_candidates()) urls.push_back(candidate.relay.url());
  return urls;
}

inline std::vector<std::string> relay_urls(core::store::Store& store) {
  std::vector<std::string> urls;
  for (const auto& relay : store.relays()) urls.push_back(relay.url());
  return urls;
}

}  // namespace bigbrotr::testing
