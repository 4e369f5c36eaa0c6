#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/store/open_store.hpp"
#include "integration/monitor/monitor_test_support.hpp"
#include "integration/pipeline/pipeline_deployment.hpp"
#include "integration/services/service_backends.hpp"
#include "support/background_process.hpp"
#include "support/fixture_relay_process.hpp"
#include "utils/keys.hpp"

// One `bigbrotr run --once` of the real binary over the suite's relays, on a fresh
// database of one backend, and what it left behind.
namespace bigbrotr::testing {

// Generous for an ASan build on a busy two-core machine (a run takes 5-20 s there), yet
// short enough that two runs that hang stay within a CTest budget of a few minutes.
inline constexpr std::chrono::seconds kRunLimit{90};

struct PipelineRunOutcome {
  std::unique_ptr<TempFolder> folder;  // config, seed file, SQLite database
  std::string database_url;
  std::optional<int> exit_code;  // nullopt: killed after kRunLimit
  std::string log;               // the run's stderr
  double seconds = 0;
  std::string monitor_pubkey;
  std::vector<models::Event> published;  // the kind 30166 events on the publish target after the run
};

inline std::string fresh_database_url(ServiceBackend backend, const TempFolder& folder) {
  if (backend == ServiceBackend::sqlite) return folder.sqlite_url();
  return postgres_server().conninfo(create_test_database());
}

// Runs the pipeline once against `relays` on a fresh database of `backend`, with a fresh
// publish target and monitor key.
inline PipelineRunOutcome run_pipeline_once(ServiceBackend backend, const PipelineRelays& relays) {
  PipelineRunOutcome outcome;
  outcome.folder = std::make_unique<TempFolder>();
  outcome.database_url = fresh_database_url(backend, *outcome.folder);
  const FixtureRelayProcess publish_target;
  const utils::Keys monitor_keys = utils::Keys::generate();
  outcome.monitor_pubkey = monitor_keys.public_key_hex();
  const auto config = write_deployment(*outcome.folder, relays, publish_target.url());

  const auto started = std::chrono::steady_clock::now();
  auto run =
      start_bigbrotr({"run", "--once", "--allow-local", "--config", config.string(), "--db",
                      outcome.database_url, "--seed-file", (outcome.folder->path() / "seeds.txt").string()},
                     outcome.folder->path(), {"NOSTR_PRIVATE_KEY=" + monitor_keys.reveal_secret_hex()});
  outcome.exit_code = run->wait_exit(kRunLimit);
  outcome.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  outcome.log = run->err();
  outcome.published = collect_events(publish_target.url(), {30166});
  return outcome;
}

// A store on the run's database, for reading what the run left.
inline std::unique_ptr<core::store::Store> open_outcome_store(const PipelineRunOutcome& outcome) {
  core::StorageConfig config;
  config.database.url = outcome.database_url;
  return core::store::open_store(config, quiet_logger(), models::ServiceName::refresher);
}

}  // namespace bigbrotr::testing
