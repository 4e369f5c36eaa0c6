#pragma once

#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/config/synchronizer_config.hpp"
#include "integration/store/postgres_test_support.hpp"
#include "models/event.hpp"
#include "services/synchronizer/synchronizer.hpp"
#include "support/service_test_support.hpp"

// What the synchronizer suites share: NDJSON data sets of signed events, a config that
// reaches loopback relays, the two backends, and the checks that an archive is exactly a
// data set (or a prefix of it, in cursor order).
namespace bigbrotr::testing {

enum class SyncBackend { sqlite, postgresql };

inline std::string sync_backend_name(const ::testing::TestParamInfo<SyncBackend>& info) {
  return info.param == SyncBackend::sqlite ? "SQLite" : "PostgreSQL";
}

inline std::unique_ptr<ServiceHarness> sync_harness(SyncBackend backend) {
  if (backend == SyncBackend::sqlite) {
    return std::make_unique<ServiceHarness>("sqlite::memory:", models::ServiceName::synchronizer);
  }
  return std::make_unique<ServiceHarness>(postgres_server().conninfo(create_test_database()),
                                          models::ServiceName::synchronizer);
}

// A set of events written to an NDJSON file (deleted with the set), and the events in
// cursor order (created_at, id). Move-only: one owner deletes the file.
struct DataSet {
  DataSet() = default;
  DataSet(DataSet&& other) noexcept : path(std::exchange(other.path, {})), events(std::move(other.events)) {}
  DataSet& operator=(DataSet&&) = delete;
  ~DataSet() {
    std::error_code ignored;
    if (!path.empty()) std::filesystem::remove(path, ignored);
  }

  std::filesystem::path path;
  std::vector<models::Event> events;

  std::vector<std::string> sorted_ids() const {
    std::vector<std::string> ids;
    for (const auto& event : events) ids.push_back(event.id_hex());
    std::sort(ids.begin(), ids.end());
    return ids;
  }
  std::int64_t last_second() const { return events.back().created_at(); }
};

// A secret key of its own for each author index (valid: far below the curve order).
inline models::SecretKey author_key(std::size_t author) {
  models::SecretKey key{};
  key[0] = 0x11;
  for (std::size_t byte = 0; byte < 8; ++byte)
    key[31 - byte] = static_cast<std::uint8_t>(author >> (8 * byte));
  return key;
}

// `events` written to a fresh file `name` under the temp folder, kept in cursor order.
inline DataSet save_data_set(const std::string& name, std::vector<models::Event> events) {
  DataSet set;
  set.path = std::filesystem::temp_directory_path() /
             ("bigbrotr-sync-" + name + "-" + std::to_string(::getpid()) + ".ndjson");
  std::ofstream out(set.path, std::ios::binary | std::ios::trunc);
  for (const auto& event : events) out << event.to_json() << '\n';
  set.events = std::move(events);
  std::sort(set.events.begin(), set.events.end(), [](const models::Event& a, const models::Event& b) {
    return std::make_pair(a.created_at(), a.id()) < std::make_pair(b.created_at(), b.id());
  });
  return set;
}

// `count` kind-1 events by `authors` authors, created_at cycling over [first, first +
// seconds), written to a fresh file under the temp folder.
inline DataSet make_data_set(const std::string& name, std::size_t count, std::int64_t first,
                             std::int64_t seconds, std::size_t authors) {
  std::vector<models::Event> events;
  for (std::size_t i = 0; i < count; ++i) {
    const std::int64_t created_at = first + static_cast<std::int64_t>(i) % seconds;
    events.push_back(models::Event::sign(created_at, 1, {{"t", "bigbrotr"}}, name + " #" + std::to_string(i),
                                         author_key(i % authors)));
  }
  return save_data_set(name, std::move(events));
}

// A synchronizer config for loopback relays up to `until` (no end lag), with short
// timeouts so failures surface quickly.
inline core::SynchronizerConfig loopback_sync_config(std::int64_t until) {
  core::SynchronizerConfig config;
  config.networks.clearnet.enabled = false;
  config.networks.local.enabled = true;
  config.networks.local.timeout = 5.0;
  config.processing.until = until;
  config.processing.end_lag = 0;
  config.processing.limit = 500;
  config.processing.batch_size = 100;
  config.timeouts.idle = 30;
  config.timeouts.max_duration = 120;
  return config;
}

// Runs one cycle (cleanup + run) with two verifier threads; returns its totals.
inline services::synchronizer::CycleTotals sync_once(ServiceHarness& harness,
                                                     const core::SynchronizerConfig& config) {
  services::Synchronizer synchronizer(config, harness.context(), 2);
  synchronizer.cleanup();
  synchronizer.run();
  return synchronizer.last_totals();
}

// The relay's synchronizer cursor, if stored.
inline std::optional<std::pair<std::int64_t, std::string>> sync_cursor(core::store::Store& store,
                                                                       const std::string& url) {
  const auto states =
      store.get_state(models::ServiceName::synchronizer, models::ServiceStateType::cursor, url);
  if (states.empty()) return std::nullopt;
  const auto& value = states.front().value();
  return std::make_pair(value.at("timestamp").to_number<std::int64_t>(),
                        std::string(value.at("id").as_string()));
}

// The ids of `set` up to and including the cursor position, in id order: what an archive
// that stopped at that cursor must hold exactly.
inline std::vector<std::string> ids_up_to(const DataSet& set, std::int64_t timestamp, const std::string& id) {
  std::vector<std::string> ids;
  for (const auto& event : set.events) {
    if (event.created_at() < timestamp || (event.created_at() == timestamp && event.id_hex() <= id)) {
      ids.push_back(event.id_hex());
    }
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace bigbrotr::testing
