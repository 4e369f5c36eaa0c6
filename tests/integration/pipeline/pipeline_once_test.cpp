// The whole pipeline end to end: the real `bigbrotr run --once --allow-local` over loopback
// relays (a plain fixture relay whose notes name other relays in `r` tags, one capping
// every answer at 100 events while holding 5,000 in a few minutes, a hostile one forging
// signatures and ids, and the npm relay we did not write), seeded from a file that names
// them among garbage, on SQLite and on PostgreSQL. Each backend is run once (by the first
// test that needs it); the tests then read what the run left in the database and on the
// monitor's publish target, counted against the data the relays were given.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <map>
#include <set>

#include "integration/pipeline/archive_reading.hpp"
#include "integration/pipeline/pipeline_run.hpp"
#include "support/nostr_tools_verdicts.hpp"

namespace bigbrotr::testing {
namespace {

const auto* const kEnvironment = ::testing::AddGlobalTestEnvironment(new PostgresServerEnvironment);

// The id the fixture relay's --wrong-id sends in place of `id`: its first hex digit flipped.
std::string forged_id(std::string id) {
  id[0] = id[0] == '0' ? '1' : '0';
  return id;
}

// The forged events the synchronizer reported for `url`: {bad_id, bad_signature}, or
// {0, 0} when it reported none.
std::pair<long, long> reported_forgeries(const std::string& log, const std::string& url) {
  const std::string prefix = "relay served invalid events relay=" + url + " bad_id=";
  const auto at = log.find(prefix);
  long bad_id = 0;
  long bad_signature = 0;
  if (at != std::string::npos)
    std::sscanf(log.c_str() + at + prefix.size(), "%ld bad_signature=%ld", &bad_id, &bad_signature);
  return {bad_id, bad_signature};
}

std::set<std::string> as_set(const std::vector<std::string>& values) {
  return {values.begin(), values.end()};
}

class PipelineOnce : public ::testing::TestWithParam<ServiceBackend> {
 protected:
  static void SetUpTestSuite() {
    outcomes_ = new std::map<ServiceBackend, std::unique_ptr<PipelineRunOutcome>>();
    if (NpmRelayProcess::available() && nostr_tools_installed()) relays_ = new PipelineRelays();
  }
  static void TearDownTestSuite() {
    delete outcomes_;
    delete relays_;
    outcomes_ = nullptr;
    relays_ = nullptr;
  }

  void SetUp() override {
    ASSERT_NE(relays_, nullptr) << "no relays: the npm peers are missing (run `npm ci` in tests/peers)"
                                   " or the set-up failed above";
    const PipelineRunOutcome& run = outcome();
    ASSERT_TRUE(run.exit_code) << "still running after " << kRunLimit.count() << " s:\n" << run.log;
    ASSERT_EQ(*run.exit_code, 0) << run.log;
    store_ = open_outcome_store(run);
  }

  // The run on this test's backend, made by the first test that asks for it.
  const PipelineRunOutcome& outcome() {
    auto& slot = (*outcomes_)[GetParam()];
    if (!slot) {
      slot = std::make_unique<PipelineRunOutcome>(run_pipeline_once(GetParam(), *relays_));
      std::cerr << "[ pipeline ] run --once on "
                << (GetParam() == ServiceBackend::sqlite ? "SQLite" : "PostgreSQL") << ": " << slot->seconds
                << " s\n";
    }
    return *slot;
  }
  const PipelineRelays& relays() const { return *relays_; }
  const PipelineData& data() const { return relays_->data(); }
  core::store::Store& store() { return *store_; }

  // The relays that serve every event they hold intact, with what they hold.
  std::vector<std::pair<std::string, const DataSet*>> honest_relays() const {
    return {{relays().plain_url(), &data().plain},
            {relays().capped_url(), &data().capped},
            {relays().npm_url(), &data().npm}};
  }

  static PipelineRelays* relays_;
  static std::map<ServiceBackend, std::unique_ptr<PipelineRunOutcome>>* outcomes_;
  std::unique_ptr<core::store::Store> store_;
};

PipelineRelays* PipelineOnce::relays_ = nullptr;
std::map<ServiceBackend, std::unique_ptr<PipelineRunOutcome>>* PipelineOnce::outcomes_ = nullptr;

TEST_P(PipelineOnce, ValidatesTheLiveRelaysOnly) {
  EXPECT_EQ(relay_urls(store()), relays().live_urls());
  // The seeded URLs that parse but are no relays were probed once and kept as candidates.
  std::map<std::string, std::int64_t> failures;
  for (const auto& candidate : store().all_candidates()) failures[candidate.relay.url()] = candidate.failures;
  for (const auto& url : relays().non_relay_urls()) EXPECT_EQ(failures[url], 1) << url;
}

TEST_P(PipelineOnce, StoresNip11AndRttMetadataOfEachLiveRelay) {
  const auto linked = linked_metadata_types(store());
  for (const auto& url : relays().live_urls()) {
    EXPECT_TRUE(linked.contains({url, "nip11_info"})) << url;
    EXPECT_TRUE(linked.contains({url, "nip66_rtt"})) << url;
  }
}

TEST_P(PipelineOnce, PublishesA30166PerLiveRelayThatNostrToolsAccepts) {
  const auto& published = outcome().published;
  std::vector<std::string> described;
  for (const auto& event : published) {
    described.push_back(d_tag(event));
    EXPECT_EQ(event.pubkey_hex(), outcome().monitor_pubkey);
  }
  std::ranges::sort(described);
  EXPECT_EQ(described, relays().live_urls());
  EXPECT_EQ(nostr_tools_verdicts(published), std::vector<std::string>(published.size(), "ok"));
}

TEST_P(PipelineOnce, ArchivesEveryEventOfEachHonestRelayWithItsJunction) {
  for (const auto& [url, set] : honest_relays()) {
    EXPECT_EQ(store().event_ids_of_relay(url), set->sorted_ids()) << url;
  }
}

TEST_P(PipelineOnce, ArchivesOnlyTheEventsTheHostileRelayServedIntact) {
  const auto hostile = store().event_ids_of_relay(relays().hostile_url());
  const auto held = data().hostile.sorted_ids();
  EXPECT_FALSE(hostile.empty());
  EXPECT_TRUE(std::ranges::includes(held, hostile)) << "an event the relay does not hold was linked to it";
  // Forged signatures keep the id: StoresEachEventOnceAsItsAuthorSignedIt shows no stored
  // row carries one. Forged ids must not exist at all.
  const auto archived = archived_events(store());
  for (const auto& id : held) EXPECT_FALSE(archived.contains(forged_id(id))) << "forged id " << forged_id(id);
  const auto [bad_id, bad_signature] = reported_forgeries(outcome().log, relays().hostile_url());
  EXPECT_GT(bad_id, 0) << "no forged id reached the synchronizer:\n" << outcome().log;
  EXPECT_GT(bad_signature, 0) << "no forged signature reached the synchronizer:\n" << outcome().log;
}

TEST_P(PipelineOnce, StoresEachEventOnceAsItsAuthorSignedIt) {
  std::map<std::string, std::string> generated;
  for (const DataSet* set : {&data().plain, &data().capped, &data().hostile, &data().npm}) {
    for (const auto& event : set->events) generated[event.id_hex()] = event.to_json();
  }
  // What must be stored: everything the honest relays hold, plus whatever the hostile
  // relay served intact (checked against its data above). Each link counted once.
  std::set<std::string> expected = as_set(store().event_ids_of_relay(relays().hostile_url()));
  std::int64_t links = static_cast<std::int64_t>(expected.size());
  for (const auto& [url, set] : honest_relays()) {
    const auto ids = set->sorted_ids();
    expected.insert(ids.begin(), ids.end());
    links += static_cast<std::int64_t>(ids.size());
  }
  const auto archived = archived_events(store());
  std::set<std::string> archived_ids;
  for (const auto& [id, wire] : archived) {
    archived_ids.insert(id);
    const auto original = generated.find(id);
    ASSERT_NE(original, generated.end()) << "an event no relay holds: " << wire;
    EXPECT_EQ(wire, original->second);
  }
  EXPECT_EQ(archived_ids, expected);
  const auto counts = store().counts();
  EXPECT_EQ(counts.events, static_cast<std::int64_t>(expected.size()));
  EXPECT_EQ(counts.event_relays, links) << "a link to a relay that did not serve the event";
}

TEST_P(PipelineOnce, TurnsRelayUrlsInArchivedTagsIntoCandidates) {
  // The live relay named in a tag is a relay already and the garbage value no URL, so
  // neither is a candidate; the tagged URLs were found after the validator ran.
  auto expected = relays().non_relay_urls();
  for (const auto& url : relays().tagged_candidate_urls()) expected.push_back(url);
  std::ranges::sort(expected);
  EXPECT_EQ(candidate_urls(store()), expected);
}

TEST_P(PipelineOnce, RefreshesTheViewsOverTheFinishedArchive) {
  EXPECT_NE(outcome().log.find("refresh done views=15 refreshed=15 failed=0"), std::string::npos)
      << outcome().log;
  // Read as the refresher left them: each view reflects the archive and the metadata the
  // services before it stored, so it was refreshed after them.
  const auto stats = view_rows_by(store(), "relay_stats", "relay_url");
  for (const auto& url : relays().live_urls()) {
    ASSERT_TRUE(stats.contains(url)) << url;
    EXPECT_EQ(stats.at(url).at("event_count").to_number<std::int64_t>(),
              static_cast<std::int64_t>(store().event_ids_of_relay(url).size()))
        << url;
  }
  // relay_stats takes the name from relay_metadata_latest, so that view was refreshed first.
  EXPECT_EQ(stats.at(relays().npm_url()).at("nip11_name"), "bigbrotr npm test relay");
  const auto event_stats = store().read_rows("event_stats", 1);
  ASSERT_EQ(event_stats.size(), 1U);
  EXPECT_EQ(event_stats[0].as_object().at("event_count").to_number<std::int64_t>(), store().counts().events);
}

INSTANTIATE_TEST_SUITE_P(Backends, PipelineOnce,
                         ::testing::Values(ServiceBackend::sqlite, ServiceBackend::postgresql), backend_name);

}  // namespace
}  // namespace bigbrotr::testing
