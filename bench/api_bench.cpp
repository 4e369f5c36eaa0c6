// API latency benchmark (bench/run_api_bench.sh): N relays (default 10,000) with D days
// (default 3) of checks every 5 minutes in relay_status, a NIP-11 document and a location
// each, on SQLite and on PostgreSQL (a throwaway cluster). The defaults give 8.64 M status
// rows, the size the issue names; 10,000 relays over 30 days would be 86.4 M, and
// --relays 1000 --days 30 gives the same rows with 8,640-point histories. After the
// refresher's views are rebuilt, the api (default config, a free loopback port) answers R
// requests (default 200) of each kind one after another, on a fresh connection each, as a
// browser opening the page would: the relays list (default sort; filtered; a deep page), a
// relay page, a relay's history, and the stats. Prints the load and refresh times and
// p50/p99 latencies per request kind.
//
//   api_bench [--relays N] [--days D] [--requests R] [--backends sqlite,postgresql]
#include <unistd.h>

#include <boost/json/parse.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "core/catalog/catalog_query.hpp"
#include "core/logging/logger.hpp"
#include "core/service/service_metrics.hpp"
#include "core/service/stop_signal.hpp"
#include "core/store/open_store.hpp"
#include "models/metadata.hpp"
#include "models/relay_metadata.hpp"
#include "models/relay_status.hpp"
#include "services/api/api.hpp"
#include "support/http_get.hpp"
#include "support/postgres_server.hpp"

namespace {

using namespace bigbrotr;
using Clock = std::chrono::steady_clock;

struct Options {
  int relays = 10000;
  int days = 3;
  int requests = 200;
  std::vector<std::string> backends{"sqlite", "postgresql"};
};

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

std::string relay_url(int index) { return fmt::format("wss://relay{:05}.example.com", index); }


models::RelayMetadata metadata_of(const models::Relay& relay, models::MetadataType type, const std::string& json,
                                  std::int64_t at) {
  auto metadata = models::Metadata::create(type, boost::json::parse(json));
  return models::RelayMetadata::create(relay, std::move(metadata).value(), at).value();
}

// Every relay checked every 5 minutes for `days`; each relay has its own share of
// outages (none to a third of checks) and of restricted answers, and RTTs of 50..500 ms.
void fill(core::store::Store& store, const Options& options, std::int64_t now) {
  std::vector<models::Relay> relays;
  relays.reserve(static_cast<std::size_t>(options.relays));
  for (int i = 0; i < options.relays; ++i) relays.push_back(models::Relay::parse(relay_url(i), {}, 1000).value());
  store.insert_relays(relays);
  std::vector<models::RelayMetadata> documents;
  const std::array<const char*, 5> software{"strfry", "nostream", "khatru", "nostr-rs-relay", "chorus"};
  const std::array<const char*, 6> countries{"DE", "US", "FR", "FI", "NL", "JP"};
  for (int i = 0; i < options.relays; ++i) {
    documents.push_back(metadata_of(
        relays[static_cast<std::size_t>(i)], models::MetadataType::nip11_info,
        fmt::format(R"({{"data": {{"name": "relay {}", "software": "{}", "supported_nips": [1, 11, {}]}}}})", i,
                    software[static_cast<std::size_t>(i) % software.size()], 40 + i % 20),
        now - 600));
    documents.push_back(metadata_of(relays[static_cast<std::size_t>(i)], models::MetadataType::nip66_geo,
                                    fmt::format(R"({{"data": {{"geo_country": "{}"}}}})",
                                                countries[static_cast<std::size_t>(i) % countries.size()]),
                                    now - 600));
  }
  store.insert_relay_metadata(documents);
  std::mt19937 random(42);
  const std::int64_t checks = static_cast<std::int64_t>(options.days) * 288;
  std::vector<models::RelayStatusRecord> batch;
  const std::size_t batch_size = 20000;
  // Relay by relay, so the status table's key (relay, time) grows at its end: the monitor
  // writes a few thousand rows per cycle, and loading months of history in its order
  // would make this setup, not the requests, the long part of the run.
  for (int i = 0; i < options.relays; ++i) {
    for (std::int64_t check = 0; check < checks; ++check) {
      const std::int64_t at = now - (checks - check) * 300 + 30;
      const int roll = static_cast<int>(random() % 1000);
      const int down_share = (i % 4) * 110;  // 0, 11, 22 or 33 % down
      models::StatusVerdict verdict = roll < down_share ? models::down_verdict(models::StatusReason::timeout, "timeout")
                                      : (i % 10 == 0) ? models::restricted_verdict(models::StatusReason::auth, "auth-required: x")
                                                      : models::up_verdict();
      const bool down = roll < down_share;
      batch.push_back(models::RelayStatusRecord{
          relays[static_cast<std::size_t>(i)], at, std::move(verdict),
          down ? std::nullopt : std::optional<std::int64_t>(50 + random() % 450),
          down ? std::nullopt : std::optional<std::int64_t>(50 + random() % 450), std::nullopt, {}});
      if (batch.size() == batch_size) {
        store.insert_relay_statuses(batch);
        batch.clear();
      }
    }
    if ((i + 1) % 1000 == 0) std::cerr << "  loaded the history of " << i + 1 << " relays\n";
  }
  if (!batch.empty()) store.insert_relay_statuses(batch);
}

struct Latency {
  double p50_ms = 0;
  double p99_ms = 0;
};

Latency measure(int port, const std::vector<std::string>& targets) {
  std::vector<double> samples;
  for (const std::string& target : targets) {
    const auto start = Clock::now();
    const auto answer = testing::http_get(port, target, std::chrono::seconds(30));
    samples.push_back(seconds_since(start) * 1000);
    if (!answer || answer->status != 200)
      throw std::runtime_error("no 200 for " + target + (answer ? ": " + answer->body.substr(0, 200) : ""));
  }
  std::ranges::sort(samples);
  const auto at = [&](double share) {
    return samples[std::min(samples.size() - 1, static_cast<std::size_t>(share * static_cast<double>(samples.size())))];
  };
  return Latency{at(0.50), at(0.99)};
}

void run_backend(const std::string& name, const std::string& database_url, const Options& options) {
  std::ostringstream log;
  const core::Logger logger("bench", core::LogLevel::warning, core::LogFormat::text, log);
  core::StorageConfig storage;
  storage.database.url = database_url;
  auto store = core::store::open_store(storage, logger, models::ServiceName::monitor);
  store->init(core::DatabaseFlavour::bigbrotr);
  const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
  auto started = Clock::now();
  fill(*store, options, now);
  const double load_seconds = seconds_since(started);
  started = Clock::now();
  for (const char* view : {"relay_metadata_latest", "relay_uptime", "relay_directory", "supported_nip_counts", "event_stats"})
    store->refresh_view(view);
  const double refresh_seconds = seconds_since(started);
  std::cerr << "  views refreshed in " << refresh_seconds << " s\n";
  const auto rows = store->counts().relay_statuses;

  core::ApiConfig config;  // the defaults a user gets, on a free port
  config.port = 0;
  auto registry = std::make_shared<core::MetricsRegistry>();
  core::ServiceMetrics metrics(registry, models::ServiceName::api);
  core::StopSignal stop;
  services::Api api(config, storage, core::ServiceContext{*store, logger, metrics, stop});
  api.run();
  std::mt19937 random(7);
  const auto targets = [&](const std::function<std::string(int)>& make) {
    std::vector<std::string> out;
    for (int i = 0; i < options.requests; ++i) out.push_back(make(static_cast<int>(random() % options.relays)));
    return out;
  };
  const std::vector<std::pair<std::string, std::vector<std::string>>> kinds{
      {"relays list (default sort, 100 rows)", targets([](int) { return std::string("/v1/relays"); })},
      {"relays list, filtered (status+nip, by RTT)",
       targets([](int) { return std::string("/v1/relays?status=up&nip=11&sort=rtt_open_p50:asc"); })},
      {"relays list, page 50", targets([](int) { return std::string("/v1/relays?offset=5000"); })},
      {"relay page", targets([](int i) { return "/v1/relays/" + core::catalog::percent_encode(relay_url(i)); })},
      {fmt::format("history ({} days, {} points)", options.days, options.days * 288),
       targets([](int i) { return "/v1/relays/" + core::catalog::percent_encode(relay_url(i)) + "/history"; })},
      {"stats", targets([](int) { return std::string("/v1/stats"); })},
  };
  std::cout << fmt::format("\n{}: {} relays, {} status rows; load {:.0f} s, view refresh {:.1f} s\n", name,
                           options.relays, rows, load_seconds, refresh_seconds);
  std::cout << fmt::format("  {:<44} {:>9} {:>9}\n", "request", "p50 ms", "p99 ms");
  for (const auto& [label, list] : kinds) {
    const Latency latency = measure(api.port(), list);
    std::cout << fmt::format("  {:<44} {:>9.1f} {:>9.1f}\n", label, latency.p50_ms, latency.p99_ms) << std::flush;
  }
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const std::string value = argv[i + 1];
    if (flag == "--relays") options.relays = std::stoi(value);
    else if (flag == "--days") options.days = std::stoi(value);
    else if (flag == "--requests") options.requests = std::stoi(value);
    else if (flag == "--backends") {
      options.backends.clear();
      std::stringstream list(value);
      for (std::string item; std::getline(list, item, ',');) options.backends.push_back(item);
    } else {
      std::cerr << "usage: api_bench [--relays N] [--days D] [--requests R] [--backends sqlite,postgresql]\n";
      return 2;
    }
  }
  try {
    for (const std::string& backend : options.backends) {
      if (backend == "sqlite") {
        const auto folder = std::filesystem::temp_directory_path() / fmt::format("bigbrotr-api-bench-{}", ::getpid());
        std::filesystem::create_directories(folder);
        run_backend("SQLite", "sqlite:" + (folder / "bench.db").string(), options);
        std::filesystem::remove_all(folder);
      } else if (backend == "postgresql") {
        testing::PostgresServer postgres;
        postgres.execute("postgres", "CREATE DATABASE bench");
        run_backend("PostgreSQL", postgres.conninfo("bench"), options);
      }
    }
  } catch (const std::exception& error) {
    std::cerr << "api_bench: " << error.what() << '\n';
    return 1;
  }
  return 0;
}
