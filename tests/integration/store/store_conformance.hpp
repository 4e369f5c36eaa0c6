#pragma once

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/store/store.hpp"
#include "models/event.hpp"
#include "models/event_relay.hpp"
#include "models/metadata.hpp"
#include "models/relay.hpp"
#include "models/relay_metadata.hpp"
#include "models/service_state.hpp"

// The backend-independent conformance suite of the Brotr store: one behaviour, whatever
// the backend. A backend runs it with
//   INSTANTIATE_TEST_SUITE_P(Name, StoreConformance, ::testing::Values(StoreBackend{...}),
//                            StoreBackendName());
// in a file of its own beside this one.
namespace bigbrotr::testing {

// How the suite reaches a backend. open_fresh returns a store on a new, empty database
// (no schema yet; the fixture calls init with the same flavour). reopen_last, when set,
// opens a second store on the database open_fresh returned last (a new connection to the
// same data); tests that need it are skipped without it.
struct StoreBackend {
  std::string name;
  std::function<std::unique_ptr<core::store::Store>(core::DatabaseFlavour)> open_fresh;
  std::function<std::unique_ptr<core::store::Store>()> reopen_last;
};

inline void PrintTo(const StoreBackend& backend, std::ostream* out) { *out << backend.name; }

// Names instantiated tests after the backend ("SQLite/StoreConformance.X/sqlite").
struct StoreBackendName {
  std::string operator()(const ::testing::TestParamInfo<StoreBackend>& info) const { return info.param.name; }
};

inline const std::string kTorHost = "ujzdegxdncf32epf3dhodzdocis2jhtlgmxgedn73u55xtplpft7v4se";

// Test values; each throws std::logic_error on input the test itself got wrong.
inline models::Relay make_relay(std::string_view url, std::int64_t discovered_at = 1000) {
  auto relay = models::Relay::parse(url, {}, discovered_at);
  if (!relay) throw std::logic_error("bad test relay " + std::string(url) + ": " + relay.reason());
  return std::move(relay).value();
}

inline models::SecretKey test_key(std::uint8_t seed) {
  models::SecretKey key{};
  key.fill(seed);
  return key;
}

inline models::Event make_event(std::int64_t created_at, std::uint16_t kind, models::EventTags tags = {},
                                std::string content = "hello", std::uint8_t key_seed = 1) {
  return models::Event::sign(created_at, kind, std::move(tags), std::move(content), test_key(key_seed));
}

inline models::EventRelay seen_on(const models::Event& event, const models::Relay& relay,
                                  std::int64_t seen_at) {
  auto observation = models::EventRelay::create(event, relay, seen_at);
  if (!observation) throw std::logic_error("bad test observation: " + observation.reason());
  return std::move(observation).value();
}

inline models::RelayMetadata measured(const models::Relay& relay, models::MetadataType type,
                                      std::string_view json, std::int64_t generated_at) {
  auto metadata = models::Metadata::create(type, boost::json::parse(json));
  if (!metadata) throw std::logic_error("bad test metadata: " + metadata.reason());
  auto record = models::RelayMetadata::create(relay, std::move(metadata).value(), generated_at);
  if (!record) throw std::logic_error("bad test relay metadata: " + record.reason());
  return std::move(record).value();
}

inline models::ServiceState make_state(models::ServiceName service, models::ServiceStateType type,
                                       std::string key, std::string_view json) {
  auto state = models::ServiceState::create(service, type, std::move(key), boost::json::parse(json));
  if (!state) throw std::logic_error("bad test state: " + state.reason());
  return std::move(state).value();
}

// A number from a read_rows cell, whether the backend wrote it as an integer, a float or
// a numeric string (PostgreSQL NUMERIC).
inline double number(const boost::json::value& cell) {
  if (cell.is_int64()) return static_cast<double>(cell.get_int64());
  if (cell.is_uint64()) return static_cast<double>(cell.get_uint64());
  if (cell.is_double()) return cell.get_double();
  if (cell.is_string()) return std::stod(std::string(cell.get_string()));
  throw std::logic_error("cell is not a number: " + boost::json::serialize(cell));
}

// Every test gets a fresh, initialised bigbrotr-flavoured store.
class StoreConformance : public ::testing::TestWithParam<StoreBackend> {
 protected:
  void SetUp() override {
    store_ = GetParam().open_fresh(core::DatabaseFlavour::bigbrotr);
    first_init_ = store_->init(core::DatabaseFlavour::bigbrotr);
  }

  core::store::Store& store() { return *store_; }

  // The row of `rows` whose `column` equals `value` (a string), or null.
  static const boost::json::object* row_where(const boost::json::array& rows, std::string_view column,
                                              std::string_view value) {
    for (const auto& row : rows) {
      const auto* cell = row.as_object().if_contains(column);
      if (cell != nullptr && cell->is_string() && cell->get_string() == value) return &row.as_object();
    }
    return nullptr;
  }

  std::unique_ptr<core::store::Store> store_;
  core::store::SchemaStatus first_init_;
};

}  // namespace bigbrotr::testing
