// run_relay_checks against the fixture relay on 127.0.0.1: every check in one call, the
// order of the results, the http check served by the rtt connection, and the insecure
// fallback reported.
#include "nips/relay_checks.hpp"

#include <gtest/gtest.h>
#include <boost/asio/thread_pool.hpp>

#include <string>
#include <vector>

#include "integration/checks/check_support.hpp"
#include "nips/relay_claims.hpp"
#include "support/fixture_relay_process.hpp"

namespace bigbrotr::nips {
namespace {

using models::MetadataType;
using testing::FixtureRelayProcess;
using testing::TempDir;

std::vector<MetadataType> all_types() {
  const auto all = models::all_metadata_types();
  return {all.begin(), all.end()};
}

RelayCheckReport run(const std::string& url, std::vector<MetadataType> types, bool allow_insecure = false) {
  boost::asio::thread_pool pool(2);
  RelayCheckOptions options;
  options.transport = testing::local_transport();
  options.transport.allow_insecure = allow_insecure;
  options.timeout = testing::kCheckTimeout;
  options.keys = utils::Keys::generate();
  auto report =
      testing::run_check(run_relay_checks(testing::local_relay(url), std::move(types), options, pool));
  pool.join();
  return report;
}

TEST(RelayChecksFixture, RunsEveryCheckInStoredOrder) {
  TempDir dir;
  FixtureRelayProcess relay({"--data", testing::write_events(dir, 2)});
  const auto report = run(relay.url(), all_types());
  ASSERT_EQ(report.results.size(), 7U);
  for (std::size_t i = 0; i < report.results.size(); ++i) {
    EXPECT_EQ(report.results[i].first, models::all_metadata_types()[i]);
    EXPECT_TRUE(report.results[i].second.to_metadata(report.results[i].first).ok());
  }
  EXPECT_TRUE(report.find(MetadataType::nip11_info)->succeeded())
      << report.find(MetadataType::nip11_info)->reason();
  const CheckResult& rtt = *report.find(MetadataType::nip66_rtt);
  EXPECT_TRUE(rtt.logs.at("read_success").as_bool());
  EXPECT_TRUE(rtt.data.contains("rtt_open"));
  const CheckResult& http = *report.find(MetadataType::nip66_http);
  ASSERT_TRUE(http.succeeded()) << http.reason();
  EXPECT_EQ(http.data.at("http_server").as_string(), "bigbrotr-fixture");
  for (const auto type :
       {MetadataType::nip66_ssl, MetadataType::nip66_dns, MetadataType::nip66_geo, MetadataType::nip66_net}) {
    EXPECT_EQ(report.find(type)->reason(), "requires clearnet, got local") << models::to_string(type);
  }
  EXPECT_FALSE(report.insecure);
}

TEST(RelayChecksFixture, HttpAloneOpensItsOwnConnection) {
  FixtureRelayProcess relay;
  const auto report = run(relay.url(), {MetadataType::nip66_http});
  ASSERT_EQ(report.results.size(), 1U);
  EXPECT_TRUE(report.results[0].second.succeeded()) << report.results[0].second.reason();
}

TEST(RelayChecksFixture, RelayDownIsEveryCheckFailedNotAnError) {
  FixtureRelayProcess dead;
  const std::string url = dead.url();
  dead.stop();
  const auto report = run(url, {MetadataType::nip11_info, MetadataType::nip66_rtt, MetadataType::nip66_http});
  ASSERT_EQ(report.results.size(), 3U);
  for (const auto& [type, result] : report.results)
    EXPECT_FALSE(result.succeeded()) << models::to_string(type);
}

TEST(RelayChecksFixture, DroppedNip11FieldsAndInsecureFallbackAreReported) {
  TempDir dir;
  testing::make_self_signed_certificate(dir);
  FixtureRelayProcess relay({"--tls-cert", (dir.path() / "cert.pem").string(), "--tls-key",
                             (dir.path() / "key.pem").string(), "--nip11",
                             testing::write_text(dir, "nip11.json", R"({"name":1,"version":"2"})")});
  const auto report = run(relay.url(), {MetadataType::nip11_info, MetadataType::nip66_rtt}, true);
  EXPECT_TRUE(report.insecure);
  EXPECT_EQ(report.nip11_dropped_fields, std::vector<std::string>{"name"});
  EXPECT_TRUE(report.find(MetadataType::nip66_rtt)->succeeded());
}

// Claims against behaviour (docs/status.md) on a real connection: a document that says
// auth_required is contradicted by a relay that serves without a challenge, and agrees
// with one that challenges first (our client answers, then it serves).
TEST(RelayChecksFixture, AuthRequiredIsCheckedAgainstTheChallenge) {
  TempDir dir;
  const std::string document =
      testing::write_text(dir, "nip11.json", R"({"name":"claims","limitation":{"auth_required":true}})");
  const std::vector<MetadataType> types = {MetadataType::nip11_info, MetadataType::nip66_rtt};

  FixtureRelayProcess open_relay({"--nip11", document});
  const RelayCheckReport served = run(open_relay.url(), types);
  ASSERT_TRUE(served.status);
  EXPECT_EQ(served.status->status, models::RelayStatus::up) << served.status->message;
  EXPECT_EQ(claim_mismatches(served), std::vector{models::ClaimMismatch::auth_not_enforced});

  FixtureRelayProcess auth_relay({"--nip11", document, "--auth"});
  const RelayCheckReport challenged = run(auth_relay.url(), types);
  ASSERT_TRUE(challenged.status);
  EXPECT_TRUE(challenged.status->auth_challenged);
  EXPECT_TRUE(claim_mismatches(challenged).empty());
}

}  // namespace
}  // namespace bigbrotr::nips
