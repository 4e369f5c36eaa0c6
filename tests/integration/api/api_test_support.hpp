#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json/parse.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/catalog/catalog_query.hpp"
#include "integration/services/service_backends.hpp"
#include "models/metadata.hpp"
#include "models/relay_metadata.hpp"
#include "models/relay_status.hpp"
#include "services/api/api.hpp"
#include "support/http_get.hpp"

// What the API tests share: a database on SQLite (a file: the api opens it read-only
// beside the writer) or PostgreSQL, holding relays in every status with a known history,
// NIP-11 documents and locations, and the Api service serving it on a free loopback port.
namespace bigbrotr::testing {

// A database URL of `backend` that a second connection can open: a fresh file for SQLite.
class ApiDatabase {
 public:
  explicit ApiDatabase(ServiceBackend backend) {
    if (backend == ServiceBackend::postgresql) {
      url_ = postgres_server().conninfo(create_test_database());
      return;
    }
    char pattern[] = "/tmp/bigbrotr-api-XXXXXX";
    if (::mkdtemp(pattern) == nullptr) throw std::runtime_error("cannot create a temp folder");
    folder_ = pattern;
    url_ = "sqlite:" + (folder_ / "bigbrotr.db").string();
  }
  ~ApiDatabase() {
    std::error_code ignored;
    if (!folder_.empty()) std::filesystem::remove_all(folder_, ignored);
  }
  ApiDatabase(const ApiDatabase&) = delete;
  ApiDatabase& operator=(const ApiDatabase&) = delete;

  const std::string& url() const { return url_; }

 private:
  std::filesystem::path folder_;
  std::string url_;
};

// The known relays: one per status and reason the page shows.
struct KnownRelays {
  static constexpr const char* up = "wss://up.example.com";
  static constexpr const char* auth = "wss://auth.example.com";
  static constexpr const char* paid = "wss://paid.example.com";
  static constexpr const char* dns = "wss://gone.example.com";
  static constexpr const char* timeout = "wss://slow.example.com";
  static constexpr const char* unchecked = "wss://new.example.com";
  // A URL with a path: its percent-encoded form carries '/' as %2F.
  static constexpr const char* with_path = "wss://path.example.com/nostr/relay";
};

inline models::RelayMetadata metadata_of(const models::Relay& relay, models::MetadataType type, const char* json,
                                         std::int64_t at) {
  auto metadata = models::Metadata::create(type, boost::json::parse(json));
  if (!metadata) throw std::logic_error("bad test metadata: " + metadata.reason());
  auto record = models::RelayMetadata::create(relay, std::move(metadata).value(), at);
  if (!record) throw std::logic_error("bad test record: " + record.reason());
  return std::move(record).value();
}

// Rebuilds the views the API reads, in the refresher's order.
inline void refresh_api_views(core::store::Store& store) {
  for (const char* view : {"relay_metadata_latest", "relay_uptime", "relay_directory", "supported_nip_counts",
                           "event_stats"})
    store.refresh_view(view);
}

// Fills `store` as of `now`: 24 hourly checks per checked relay (the up relay down for the
// first 6 of them), NIP-11 documents, a location, then refreshes the views the API reads.
inline void fill_known_relays(core::store::Store& store, std::int64_t now) {
  using models::StatusReason;
  const auto relay = [](const char* url) { return relay_of(url, 1000); };
  const std::vector relays{relay(KnownRelays::up),      relay(KnownRelays::auth),    relay(KnownRelays::paid),
                           relay(KnownRelays::dns),     relay(KnownRelays::timeout), relay(KnownRelays::unchecked),
                           relay(KnownRelays::with_path)};
  store.insert_relays(relays);
  std::vector<models::RelayStatusRecord> statuses;
  for (int hour = 0; hour < 24; ++hour) {
    // A minute inside each hour, so the oldest check stays in the 24 h window at refresh.
    const std::int64_t at = now - (24 - hour) * 3600 + 60;
    statuses.push_back({relays[0], at, hour < 6 ? models::down_verdict(StatusReason::timeout, "timeout") : models::up_verdict(),
                        100 + hour, 50, std::nullopt, {}});
    statuses.push_back({relays[1], at, models::restricted_verdict(StatusReason::auth, "auth-required: sign in"), 120, std::nullopt,
                        std::nullopt, {models::ClaimMismatch::auth_undeclared}});
    statuses.push_back({relays[2], at, models::restricted_verdict(StatusReason::payment, "restricted: pay first"), 130,
                        std::nullopt, std::nullopt, {}});
    statuses.push_back({relays[3], at, models::down_verdict(StatusReason::dns, "no such host"), std::nullopt, std::nullopt,
                        std::nullopt, {}});
    statuses.push_back({relays[4], at, models::down_verdict(StatusReason::timeout, "open timed out"), std::nullopt,
                        std::nullopt, std::nullopt, {}});
    statuses.push_back({relays[6], at, models::up_verdict(), 90, 40, 60, {}});
  }
  store.insert_relay_statuses(statuses);
  store.insert_relay_metadata(std::vector{
      metadata_of(relays[0], models::MetadataType::nip11_info,
                  R"({"data": {"name": "Up <b>relay</b>", "software": "git+https://example.com/strfry.git",
                      "version": "1.0", "supported_nips": [1, 11, 42]}})",
                  now - 600),
      metadata_of(relays[1], models::MetadataType::nip11_info,
                  R"({"data": {"name": "Auth relay", "software": "git+https://example.com/strfry.git",
                      "supported_nips": [1, 42], "limitation": {"auth_required": true}}})",
                  now - 600),
      metadata_of(relays[2], models::MetadataType::nip11_info,
                  R"({"data": {"software": "nostream", "supported_nips": [1, 11],
                      "limitation": {"payment_required": true, "min_pow_difficulty": 0}}})",
                  now - 600),
      metadata_of(relays[0], models::MetadataType::nip66_geo,
                  R"({"data": {"geo_country": "DE", "geo_city": "Berlin"}})", now - 600),
      metadata_of(relays[2], models::MetadataType::nip66_geo, R"({"data": {"geo_country": "US"}})", now - 600),
      metadata_of(relays[0], models::MetadataType::nip66_rtt, R"({"data": {"rtt_open": 120, "rtt_read": 50}})",
                  now - 7200),
      metadata_of(relays[0], models::MetadataType::nip66_rtt, R"({"data": {"rtt_open": 123, "rtt_read": 51}})",
                  now - 3600),
  });
  refresh_api_views(store);
}

// The api on `database_url` with the generic routes of relay and relay_uptime enabled,
// listening on a free loopback port.
class ServedApi {
 public:
  ServedApi(ServiceHarness& harness, const std::string& database_url, core::ApiConfig config = default_config()) {
    core::StorageConfig storage;
    storage.database.url = database_url;
    api_ = std::make_unique<services::Api>(std::move(config), storage, harness.context());
    api_->run();
  }

  static core::ApiConfig default_config() {
    core::ApiConfig config;
    config.port = free_loopback_port();
    config.request_timeout = 5;
    config.tables["relay"].enabled = true;
    config.tables["relay_uptime"].enabled = true;
    config.tables["relay_status"].enabled = true;
    return config;
  }

  int port() const { return api_->port(); }
  services::Api& api() { return *api_; }

  // GET `target`; fails the test when nothing answers.
  HttpAnswer get(const std::string& target) const {
    const auto answer = http_get(port(), target);
    if (!answer) throw std::runtime_error("no answer to " + target.substr(0, 200));
    return *answer;
  }
  // GET `target` and parse its JSON body.
  boost::json::value json(const std::string& target, int expected_status = 200) const {
    const HttpAnswer answer = get(target);
    EXPECT_EQ(answer.status, expected_status) << target.substr(0, 200) << " → " << answer.body;
    return boost::json::parse(answer.body);
  }

 private:
  std::unique_ptr<services::Api> api_;
};

inline std::string encoded(std::string_view url) { return core::catalog::percent_encode(url); }

}  // namespace bigbrotr::testing
