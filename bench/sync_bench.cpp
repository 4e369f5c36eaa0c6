// End-to-end synchronizer benchmark: a loopback fixture relay serving N signed events
// (distinct authors), archived by one synchronizer cycle into SQLite and into
// PostgreSQL. Prints events/s of each run, its ratio to raw libsecp256k1 verifications/s
// on all cores and to full Event::check calls/s (id, key parse, signature: the work the
// synchronizer must do per event), both measured in the same run so the machine's load is
// the same, and the peak RSS of the process that ran the cycle. bench/run_sync_bench.sh builds and runs it.
//
//   sync_bench [--events N] [--relay-binary PATH] [--backends sqlite,postgresql]
#include <secp256k1.h>
#include <secp256k1_extrakeys.h>
#include <secp256k1_schnorrsig.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "isolated_run.hpp"
#include "core/store/open_store.hpp"
#include "models/event.hpp"
#include "services/synchronizer/synchronizer.hpp"
#include "support/listening_process.hpp"
#include "support/postgres_server.hpp"

namespace {

namespace bb = bigbrotr;
using Clock = std::chrono::steady_clock;

constexpr std::int64_t kFirstSecond = 1'700'000'000;
constexpr std::int64_t kEventsPerSecond = 10;

struct Options {
  std::size_t events = 200'000;
  std::string relay_binary =
#ifdef FIXTURE_RELAY_BINARY
      FIXTURE_RELAY_BINARY;
#else
      "";
#endif
  std::vector<std::string> backends{"sqlite", "postgresql"};
  unsigned threads = std::max(1U, std::thread::hardware_concurrency());
};

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Each event by an author of its own (the key is derived from the index), signed on
// every core; returns the events in index order.
std::vector<bb::models::Event> sign_events(std::size_t count, unsigned threads) {
  std::vector<std::optional<bb::models::Event>> slots(count);
  std::vector<std::thread> workers;
  for (unsigned worker = 0; worker < threads; ++worker) {
    workers.emplace_back([&, worker] {
      for (std::size_t i = worker; i < count; i += threads) {
        bb::models::SecretKey key{};
        key[0] = 0x22;
        for (std::size_t byte = 0; byte < 8; ++byte)
          key[31 - byte] = static_cast<std::uint8_t>((i + 1) >> (8 * byte));
        const auto created_at = kFirstSecond + static_cast<std::int64_t>(i) / kEventsPerSecond;
        slots[i] = bb::models::Event::sign(created_at, 1, {{"t", "bench"}, {"p", std::string(64, 'a')}},
                                           "sync bench event " + std::to_string(i), key);
      }
    });
  }
  for (auto& worker : workers) worker.join();
  std::vector<bb::models::Event> events;
  events.reserve(count);
  for (auto& slot : slots) events.push_back(std::move(*slot));
  return events;
}

// Calls of `work(k)` per second on `threads` threads for about 2 s, k cycling over
// [0, sample); throws if a call returns false.
template <class Work>
double calls_per_second(std::size_t sample, unsigned threads, const Work& work) {
  std::atomic<std::size_t> done{0};
  std::atomic<bool> failed{false};
  const auto start = Clock::now();
  std::vector<std::thread> workers;
  for (unsigned worker = 0; worker < threads; ++worker) {
    workers.emplace_back([&] {
      std::size_t local = 0;
      while (seconds_since(start) < 2.0) {
        for (std::size_t k = 0; k < sample; k += 1) {
          if (!work(k)) failed = true;
          if (++local % 256 == 0 && seconds_since(start) >= 2.0) break;
        }
      }
      done += local;
    });
  }
  for (auto& worker : workers) worker.join();
  const double elapsed = seconds_since(start);
  if (failed) throw std::runtime_error("a benchmark event did not verify");
  return static_cast<double>(done.load()) / elapsed;
}

// Raw libsecp256k1 verifications per second on `threads` threads (keys parsed beforehand).
double raw_verifications_per_second(const std::vector<bb::models::Event>& events, unsigned threads) {
  const std::size_t sample = std::min<std::size_t>(events.size(), 4000);
  secp256k1_context* ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
  std::vector<secp256k1_xonly_pubkey> keys(sample);
  for (std::size_t k = 0; k < sample; ++k) {
    if (secp256k1_xonly_pubkey_parse(ctx, &keys[k], events[k].pubkey().data()) != 1) {
      secp256k1_context_destroy(ctx);
      throw std::runtime_error("a benchmark public key does not parse");
    }
  }
  const double rate = calls_per_second(sample, threads, [&](std::size_t k) {
    const auto& event = events[k];
    return secp256k1_schnorrsig_verify(ctx, event.sig().data(), event.id().data(), 32, &keys[k]) == 1;
  });
  secp256k1_context_destroy(ctx);
  return rate;
}

// Full checks per second (Event::check: id hash, key parse, signature) on `threads` threads:
// the verification work the synchronizer does per event.
double event_checks_per_second(const std::vector<bb::models::Event>& events, unsigned threads) {
  const std::size_t sample = std::min<std::size_t>(events.size(), 4000);
  return calls_per_second(sample, threads, [&](std::size_t k) { return !events[k].check(); });
}

std::filesystem::path write_ndjson(const std::vector<bb::models::Event>& events) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("bigbrotr-sync-bench-" + std::to_string(::getpid()) + ".ndjson");
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  std::string line;
  for (const auto& event : events) {
    line.clear();
    event.append_json(line);
    line.push_back('\n');
    out << line;
  }
  return path;
}

struct CycleResult {
  double seconds = 0;
  std::size_t events = 0;
  std::size_t inserted = 0;
  std::size_t requests = 0;  // REQs sent to the relay
};

// One synchronizer cycle of the relay at `relay_url` into the database at `url`.
CycleResult run_cycle(const std::string& database_url, const std::string& relay_url, std::int64_t until,
                      unsigned threads) {
  bb::core::Logger logger("sync_bench", bb::core::LogLevel::warning, bb::core::LogFormat::text, std::cerr);
  bb::core::StorageConfig storage;
  storage.database.url = database_url;
  auto store = bb::core::store::open_store(storage, logger, bb::models::ServiceName::synchronizer);
  store->init(bb::core::DatabaseFlavour::bigbrotr);
  const std::vector<bb::models::Relay> relays{bb::models::Relay::parse(relay_url, {true}, 1000).value()};
  store->insert_relays(relays);

  bb::core::SynchronizerConfig config;
  config.networks.clearnet.enabled = false;
  config.networks.local.enabled = true;
  config.networks.local.timeout = 30.0;
  config.processing.until = until;
  config.processing.end_lag = 0;
  config.processing.limit = 5000;
  config.processing.batch_size = 5000;
  config.timeouts.idle = 600;
  config.timeouts.max_duration = 3600;
  bb::core::ServiceMetrics metrics;
  bb::core::StopSignal stop;
  bb::core::ServiceContext context{*store, logger, metrics, stop};
  bb::services::Synchronizer synchronizer(config, context, threads);
  const auto start = Clock::now();
  synchronizer.run();
  CycleResult result;
  result.seconds = seconds_since(start);
  result.events = synchronizer.last_totals().events_seen;
  result.inserted = synchronizer.last_totals().rows_inserted;
  result.requests = synchronizer.last_totals().fetch.requests;
  return result;
}

// One cycle in a child process, so its peak RSS and CPU time are the cycle's alone.
std::pair<CycleResult, bb::bench::IsolatedRun> run_cycle_isolated(const std::string& database_url,
                                                                   const std::string& relay_url, std::int64_t until,
                                                                   unsigned threads) {
  const auto run = bb::bench::run_isolated(
      [&] {
        const CycleResult result = run_cycle(database_url, relay_url, until, threads);
        return std::to_string(result.seconds) + " " + std::to_string(result.events) + " " +
               std::to_string(result.inserted) + " " + std::to_string(result.requests);
      },
      std::chrono::hours(1));
  CycleResult result;
  std::istringstream(run.output) >> result.seconds >> result.events >> result.inserted >> result.requests;
  return {result, run};
}

Options parse_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const std::string value = argv[i + 1];
    if (flag == "--events") {
      options.events = std::stoul(value);
    } else if (flag == "--relay-binary") {
      options.relay_binary = value;
    } else if (flag == "--backends") {
      options.backends.clear();
      std::istringstream list(value);
      for (std::string name; std::getline(list, name, ',');) options.backends.push_back(name);
    } else {
      throw std::invalid_argument("unknown option " + flag);
    }
  }
  if (options.relay_binary.empty()) throw std::invalid_argument("--relay-binary is required");
  return options;
}

void print_result(const std::string& backend, const CycleResult& result, const bb::bench::IsolatedRun& run,
                  double raw_all, double checks_all) {
  const double rate = static_cast<double>(result.events) / result.seconds;
  std::printf(
      "%-10s  %8zu events  %7.2f s  %9.0f events/s  ratio to raw verify (all cores) %.3f, to Event::check "
      "%.3f  peak RSS %.0f MiB  CPU %.2f s  %zu REQs%s\n",
      backend.c_str(), result.events, result.seconds, rate, rate / raw_all, rate / checks_all, run.peak_rss_mib,
      run.cpu_seconds, result.requests, result.inserted == result.events ? "" : "  (NOT all inserted!)");
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options options = parse_options(argc, argv);
    std::printf("signing %zu events (distinct authors) on %u threads...\n", options.events, options.threads);
    std::fflush(stdout);
    const auto events = sign_events(options.events, options.threads);
    const auto data = write_ndjson(events);
    const std::int64_t until = events.back().created_at();

    const double raw_one = raw_verifications_per_second(events, 1);
    const double raw_all = raw_verifications_per_second(events, options.threads);
    std::printf("raw libsecp256k1 verify: %.0f/s on 1 core, %.0f/s on %u cores\n", raw_one, raw_all,
                options.threads);
    const double checks_all = event_checks_per_second(events, options.threads);
    std::printf("Event::check (id, key parse, verify): %.0f/s on %u cores\n", checks_all, options.threads);
    std::fflush(stdout);

    const std::string max_events = std::to_string(options.events + 1000);
    bigbrotr::testing::ListeningProcess relay(
        {options.relay_binary, "--host", "127.0.0.1", "--port", "0", "--data", data.string(), "--max-events",
         max_events, "--max-limit", "10000"},
        std::chrono::minutes(5));
    const std::string relay_url = "ws://127.0.0.1:" + std::to_string(relay.port());

    for (const std::string& backend : options.backends) {
      std::optional<bigbrotr::testing::PostgresServer> postgres;
      std::filesystem::path sqlite_file;
      std::string database_url;
      if (backend == "sqlite") {
        sqlite_file = std::filesystem::temp_directory_path() /
                      ("bigbrotr-sync-bench-" + std::to_string(::getpid()) + ".db");
        std::filesystem::remove(sqlite_file);
        database_url = "sqlite:" + sqlite_file.string();
      } else if (backend == "postgresql") {
        postgres.emplace();
        postgres->execute("postgres", "CREATE DATABASE bench");
        database_url = postgres->conninfo("bench");
      } else {
        throw std::invalid_argument("unknown backend " + backend);
      }
      const auto [result, run] = run_cycle_isolated(database_url, relay_url, until, options.threads);
      print_result(backend, result, run, raw_all, checks_all);
      std::fflush(stdout);
      if (!sqlite_file.empty()) {
        std::filesystem::remove(sqlite_file);
        std::filesystem::remove(sqlite_file.string() + "-wal");
        std::filesystem::remove(sqlite_file.string() + "-shm");
      }
    }
    std::filesystem::remove(data);
    return 0;
  } catch (const std::exception& error) {
    std::cerr << "sync_bench: " << error.what() << '\n';
    return 1;
  }
}
