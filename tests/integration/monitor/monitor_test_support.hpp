#pragma once

#include <unistd.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/config/monitor_config.hpp"
#include "core/store/store.hpp"
#include "models/event.hpp"
#include "services/monitor/monitor.hpp"
#include "support/service_test_support.hpp"
#include "utils/keys.hpp"
#include "utils/transport/relay_client.hpp"

// What the monitor suites share: a monitor config for loopback relays, a cycle runner,
// reading back what a publishing relay holds, the nostr-tools verdicts, and the stored
// results per (relay, type).
namespace bigbrotr::testing {

// The network timeout of the suites: generous for a sanitized build on a busy machine.
inline constexpr double kLocalTimeoutSeconds = 5.0;

// A file removed with its folder when the test ends.
class ScratchDir {
 public:
  ScratchDir() {
    char pattern[] = "/tmp/bigbrotr-monitor-XXXXXX";
    if (::mkdtemp(pattern) == nullptr) throw std::runtime_error("cannot create a temp folder");
    path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  std::string write(const std::string& name, const std::string& text) const {
    const auto file = path_ / name;
    std::ofstream(file, std::ios::binary) << text;
    return file.string();
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Checks nip11_info, nip66_rtt and nip66_http of loopback relays (the clearnet-only
// checks cannot run on `local`), publishes everything to `targets`, signs with `key`
// (empty: no key). One quick retry for nip11 and rtt exercises the retry wrapper.
inline core::MonitorConfig local_monitor_config(const std::vector<std::string>& targets,
                                                const std::string& key) {
  core::MonitorConfig config;
  config.networks.local.enabled = true;
  config.networks.local.timeout = kLocalTimeoutSeconds;
  config.processing.compute = core::MetadataFlags{false};
  for (const auto type : {models::MetadataType::nip11_info, models::MetadataType::nip66_rtt,
                          models::MetadataType::nip66_http}) {
    config.processing.compute[type] = true;
  }
  config.processing.store = config.processing.compute;
  for (const auto type : {models::MetadataType::nip11_info, models::MetadataType::nip66_rtt}) {
    config.processing.retries[type].max_attempts = 1;
    config.processing.retries[type].initial_delay = 0.1;
    config.processing.retries[type].jitter = 0.0;
  }
  config.processing.chunk_size = 10;
  config.geo.city_download_url.reset();
  config.geo.asn_download_url.reset();
  config.publishing_relays = targets;
  if (!key.empty()) config.keys.private_key = core::Secret(key);
  return config;
}

// cleanup() then run(), as the runtime does once per cycle.
inline void run_cycle(services::Monitor& monitor) {
  monitor.cleanup();
  monitor.run();
}

inline std::vector<models::Event> collect_events(const std::string& relay_url, std::vector<int> kinds) {
  auto read = [](models::Relay relay,
                 std::vector<int> wanted) -> boost::asio::awaitable<std::vector<models::Event>> {
    std::vector<models::Event> events;
    utils::RelayClientOptions options;
    options.transport.allow_local = true;
    auto client = co_await utils::RelayClient::connect(relay, options);
    if (!client) co_return events;
    boost::json::object filter;
    boost::json::array kind_list;
    for (const int kind : wanted) kind_list.push_back(kind);
    filter["kinds"] = std::move(kind_list);
    auto subscribed = co_await client->subscribe(filter, "monitor-test");
    if (!subscribed) co_return events;
    while (true) {
      auto message = co_await client->next(std::chrono::seconds(10));
      if (!message) break;
      if (auto* event = std::get_if<utils::EventMessage>(&message.value())) events.push_back(event->event);
      if (std::holds_alternative<utils::EoseMessage>(message.value())) break;
    }
    co_await client->close();
    co_return events;
  };
  boost::asio::io_context io;
  auto relay = models::Relay::parse(relay_url, {true}).value();
  auto done = boost::asio::co_spawn(io, read(std::move(relay), std::move(kinds)), boost::asio::use_future);
  io.run();
  return done.get();
}

// The latest stored document per (relay url, metadata type), from relay_metadata_latest.
inline std::map<std::pair<std::string, std::string>, boost::json::object> latest_results(
    core::store::Store& store) {
  store.refresh_view("relay_metadata_latest");
  std::map<std::pair<std::string, std::string>, boost::json::object> latest;
  for (const auto& row : store.read_rows("relay_metadata_latest", 100000)) {
    const auto& fields = row.as_object();
    const auto& data = fields.at("data");
    boost::json::value document = data.is_string() ? boost::json::parse(data.as_string()) : data;
    latest[{std::string(fields.at("relay_url").as_string()),
            std::string(fields.at("metadata_type").as_string())}] = document.as_object();
  }
  return latest;
}

// The `logs` of a stored document, or an empty object.
inline boost::json::object logs_of(const boost::json::object& document) {
  const auto* logs = document.if_contains("logs");
  return logs != nullptr && logs->is_object() ? logs->as_object() : boost::json::object{};
}

inline bool has_checkpoint(core::store::Store& store, const std::string& key) {
  return !store.get_state(models::ServiceName::monitor, models::ServiceStateType::checkpoint, key).empty();
}

// How often `needle` occurs in `text`.
inline std::size_t occurrences(const std::string& text, const std::string& needle) {
  std::size_t count = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++count;
  return count;
}

// The value of the `d` tag of an event, or "".
inline std::string d_tag(const models::Event& event) {
  for (const auto& tag : event.tags()) {
    if (tag.size() >= 2 && tag[0] == "d") return tag[1];
  }
  return "";
}

}  // namespace bigbrotr::testing
