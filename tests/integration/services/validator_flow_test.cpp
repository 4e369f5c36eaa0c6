// The seed flow end to end: seed file → seeder → candidates → validator → relays, against
// two live loopback relays (ours and the npm one), a dead port and clearnet URLs, on
// SQLite and PostgreSQL.
#include <filesystem>
#include <fstream>

#include "service_backends.hpp"
#include "services/seeder.hpp"
#include "services/validator.hpp"
#include "support/fixture_relay_process.hpp"
#include "support/npm_relay_process.hpp"

namespace bigbrotr::testing {
namespace {

const auto* const kEnvironment = ::testing::AddGlobalTestEnvironment(new PostgresServerEnvironment);

class ValidatorFlow : public ::testing::TestWithParam<ServiceBackend> {
 protected:
  static void SetUpTestSuite() {
    fixture_ = new FixtureRelayProcess();
    if (NpmRelayProcess::available()) npm_ = new NpmRelayProcess();
  }
  static void TearDownTestSuite() {
    delete fixture_;
    delete npm_;
    fixture_ = nullptr;
    npm_ = nullptr;
  }

  // Writes a seed file with the live relays, a dead port, clearnet URLs and junk.
  std::string write_seed_file(const std::string& dead) {
    const auto path =
        std::filesystem::temp_directory_path() /
        ("bigbrotr-seed-" + std::to_string(::getpid()) + "-" + backend_name({GetParam(), 0}) + ".txt");
    std::ofstream out(path);
    out << "# live\n" << fixture_->url() << "\n";
    if (npm_ != nullptr) out << npm_->url() << "\n";
    out << "\n# dead\n" << dead << "\n";
    out << "wss://relay.example.com\nwss://nos.example.org/\nnot a url\nhttp://web.example.com\n";
    return path.string();
  }

  static FixtureRelayProcess* fixture_;
  static NpmRelayProcess* npm_;
};

FixtureRelayProcess* ValidatorFlow::fixture_ = nullptr;
NpmRelayProcess* ValidatorFlow::npm_ = nullptr;

const core::store::Candidate* find(const std::vector<core::store::Candidate>& all, const std::string& url) {
  for (const auto& candidate : all)
    if (candidate.relay.url() == url) return &candidate;
  return nullptr;
}

TEST_P(ValidatorFlow, OnlyLiveRelaysArePromotedAndTheDeadOneWaits) {
  if (npm_ == nullptr) std::cerr << "npm relay not installed (`npm ci` in tests/peers): fixture relay only\n";
  auto harness = harness_on(GetParam(), models::ServiceName::validator);
  auto& store = harness->store();
  const std::string dead = dead_loopback_url();
  const std::string seed_path = write_seed_file(dead);

  core::SeederConfig seeder_config;
  seeder_config.seed_file_path = seed_path;
  services::Seeder(seeder_config, {true}, harness->context()).run();
  std::filesystem::remove(seed_path);
  const std::size_t live = npm_ != nullptr ? 2 : 1;
  ASSERT_EQ(store.all_candidates().size(), live + 3);

  core::ValidatorConfig config;
  config.networks.clearnet.enabled = false;  // no Internet in tests: clearnet candidates wait
  config.networks.local.enabled = true;
  config.networks.local.timeout = 5.0;
  services::Validator validator(config, harness->context());
  EXPECT_EQ(validator.cleanup(), 0U);
  validator.run();

  std::vector<std::string> expected{fixture_->url()};
  if (npm_ != nullptr) expected.push_back(npm_->url());
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(relay_urls(store), expected);
  auto all = store.all_candidates();
  ASSERT_EQ(all.size(), 3U);
  ASSERT_NE(find(all, dead), nullptr);
  EXPECT_EQ(find(all, dead)->failures, 1);
  EXPECT_EQ(find(all, "wss://relay.example.com")->failures, 0);
  EXPECT_EQ(harness->gauge("validated"), static_cast<double>(live));
  EXPECT_EQ(harness->gauge("not_validated"), 1);

  // Within processing.interval the dead candidate is not retried.
  validator.run();
  all = store.all_candidates();
  EXPECT_EQ(find(all, dead)->failures, 1);
  EXPECT_EQ(harness->gauge("total"), 0);
  EXPECT_EQ(relay_urls(store), expected);
}

INSTANTIATE_TEST_SUITE_P(Backends, ValidatorFlow,
                         ::testing::Values(ServiceBackend::sqlite, ServiceBackend::postgresql), backend_name);

}  // namespace
}  // namespace bigbrotr::testing
