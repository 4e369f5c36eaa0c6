// End-to-end monitor benchmark for the concurrency target "1,000 relays checked in one
// cycle with the default timeouts finish well under a minute when the relays answer
// promptly; memory stays bounded". One fixture relay on 127.0.0.1 stands behind N
// distinct URLs (ws://127.0.0.1:PORT/rN, it serves any path); a second one receives what
// the monitor publishes. One monitor cycle runs with the config defaults, except what
// loopback needs, into a fresh SQLite file, in a child process so its peak RSS is the
// cycle's alone. bench/run_monitor_bench.sh builds and runs it.
//
//   monitor_bench [--relays N] [--relay-binary PATH]

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "isolated_run.hpp"
#include "core/store/open_store.hpp"
#include "integration/monitor/monitor_test_support.hpp"
#include "support/listening_process.hpp"

namespace {

namespace bb = bigbrotr;
using Clock = std::chrono::steady_clock;

// The cycle's process is killed past this; the target is well under a minute.
constexpr std::chrono::minutes kCycleLimit{10};

struct Options {
  std::size_t relays = 1000;
  std::string relay_binary =
#ifdef FIXTURE_RELAY_BINARY
      FIXTURE_RELAY_BINARY;
#else
      "";
#endif
};

Options parse_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const std::string value = argv[i + 1];
    if (flag == "--relays") {
      options.relays = std::stoul(value);
    } else if (flag == "--relay-binary") {
      options.relay_binary = value;
    } else {
      throw std::invalid_argument("unknown option " + flag);
    }
  }
  if (options.relays == 0) throw std::invalid_argument("--relays must be at least 1");
  if (options.relay_binary.empty()) throw std::invalid_argument("--relay-binary is required");
  return options;
}

std::unique_ptr<bb::core::store::Store> open_sqlite(const std::string& file, const bb::core::Logger& logger) {
  bb::core::StorageConfig storage;
  storage.database.url = "sqlite:" + file;
  return bb::core::store::open_store(storage, logger, bb::models::ServiceName::monitor);
}

// The defaults, except what a loopback run needs: the local network (its defaults equal
// clearnet's: 50 relays at once, 10 s per operation), the target relay instead of the
// public ones, a key so the monitor publishes, and no GeoLite2 downloads (they would
// leave 127.0.0.1). Every check stays computed: ssl, dns, geo and net refuse a local
// relay at once ("requires clearnet") and their results are stored like the others.
bb::core::MonitorConfig bench_config(const std::string& target, const std::string& key) {
  bb::core::MonitorConfig config;
  config.networks.local.enabled = true;
  config.publishing_relays = {target};
  config.keys.private_key = bb::core::Secret(key);
  config.geo.city_download_url.reset();
  config.geo.asn_download_url.reset();
  return config;
}

// Runs in the child: one cycle (cleanup + run, as the runtime does); returns its seconds.
double run_cycle_seconds(const std::string& database, const std::string& target) {
  bb::core::Logger logger("monitor_bench", bb::core::LogLevel::warning, bb::core::LogFormat::text, std::cerr);
  auto store = open_sqlite(database, logger);
  bb::core::ServiceMetrics metrics;
  bb::core::StopSignal stop;
  bb::services::Monitor monitor(bench_config(target, bb::utils::Keys::generate().reveal_secret_hex()),
                                bb::core::ServiceContext{*store, logger, metrics, stop});
  const auto start = Clock::now();
  bb::testing::run_cycle(monitor);
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options options = parse_options(argc, argv);
    // Far above max_tasks × the sockets one check opens, so no refusal mixes into the timing.
    bb::testing::ListeningProcess watched(
        {options.relay_binary, "--host", "127.0.0.1", "--port", "0", "--max-connections", "2000"},
        std::chrono::seconds(10));
    // Room for every 30166 (plus the monitor's 10166, 0 and 10002), all returned by one REQ.
    bb::testing::ListeningProcess target_relay(
        {options.relay_binary, "--host", "127.0.0.1", "--port", "0", "--max-events",
         std::to_string(options.relays + 100), "--max-limit", std::to_string(options.relays)},
        std::chrono::seconds(10));
    const std::string watched_url = "ws://127.0.0.1:" + std::to_string(watched.port());
    const std::string target = "ws://127.0.0.1:" + std::to_string(target_relay.port());

    const bb::testing::ScratchDir dir;
    const std::string database = (dir.path() / "monitor.db").string();
    bb::core::Logger logger("monitor_bench", bb::core::LogLevel::warning, bb::core::LogFormat::text,
                            std::cerr);
    {
      // Closed before the fork: the child opens its own connection.
      auto store = open_sqlite(database, logger);
      store->init(bb::core::DatabaseFlavour::bigbrotr);
      std::vector<bb::models::Relay> relays;
      for (std::size_t n = 0; n < options.relays; ++n)
        relays.push_back(bb::testing::relay_of(watched_url + "/r" + std::to_string(n)));
      store->insert_relays(relays);
    }

    const auto run = bb::bench::run_isolated(
        [&] { return std::to_string(run_cycle_seconds(database, target)); }, kCycleLimit);
    const double seconds = std::stod(run.output);
    const double rss = run.peak_rss_mib;

    auto store = open_sqlite(database, logger);
    const auto checks = store->counts().relay_metadata;
    // Stored results count failures too: the rtt check's open_success says a relay answered.
    std::size_t opened = 0;
    for (const auto& [key, document] : bb::testing::latest_results(*store)) {
      const auto logs = bb::testing::logs_of(document);
      const auto* open = logs.if_contains("open_success");
      if (key.second == "nip66_rtt" && open != nullptr && *open == true) ++opened;
    }
    const std::size_t published = bb::testing::collect_events(target, {30166}).size();

    const std::string warning =
        opened == options.relays ? "" : "  (only " + std::to_string(opened) + " answered the rtt check!)";
    std::printf(
        "%zu relays  %.2f s  %.0f relays/s  checks stored %lld  30166 received %zu  "
        "peak RSS %.0f MiB%s\n",
        options.relays, seconds, static_cast<double>(options.relays) / seconds,
        static_cast<long long>(checks), published, rss, warning.c_str());
    return 0;
  } catch (const std::exception& error) {
    std::cerr << "monitor_bench: " << error.what() << '\n';
    return 1;
  }
}
