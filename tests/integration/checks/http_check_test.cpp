// check_http against real servers on 127.0.0.1: the fixture relay (which names itself
// in Server / X-Powered-By), the npm relay (whose `ws` upgrade sends neither), a relay
// that refuses the upgrade and a dead port.
#include "nips/nip66/nip66_http.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "integration/checks/check_support.hpp"
#include "support/fixture_relay_process.hpp"
#include "support/npm_relay_process.hpp"

namespace bigbrotr::nips {
namespace {

using Clock = std::chrono::steady_clock;
using testing::FixtureRelayProcess;
using testing::kCheckTimeout;

CheckResult check(const std::string& url) {
  HttpCheckOptions options{testing::local_transport(), kCheckTimeout};
  return testing::run_check(check_http(testing::local_relay(url), options));
}

TEST(HttpCheckFixture, ReadsServerAndPoweredByFromTheUpgrade) {
  FixtureRelayProcess relay;
  const auto result = check(relay.url());
  ASSERT_TRUE(result.succeeded()) << result.reason();
  EXPECT_EQ(result.data.at("http_server").as_string(), "bigbrotr-fixture");
  EXPECT_EQ(result.data.at("http_powered_by").as_string(), "fixture");
  EXPECT_TRUE(result.to_metadata(models::MetadataType::nip66_http).ok());
}

TEST(HttpCheckNpmRelay, UpgradeWithoutIdentityHeadersIsNoHeadersCaptured) {
  if (!testing::NpmRelayProcess::available()) GTEST_SKIP() << "run npm ci in tests/peers";
  testing::NpmRelayProcess relay;
  EXPECT_EQ(check(relay.url()).reason(), "no HTTP headers captured");
}

TEST(HttpCheckFixture, RefusedUpgradeFails) {
  FixtureRelayProcess relay({"--no-upgrade"});
  const auto result = check(relay.url());
  EXPECT_FALSE(result.succeeded());
  EXPECT_TRUE(result.reason().starts_with("handshake")) << result.reason();
}

TEST(HttpCheckFixture, DeadPortFailsInBoundedTime) {
  FixtureRelayProcess dead;
  const std::string url = dead.url();
  dead.stop();
  const auto start = Clock::now();
  const auto result = check(url);
  EXPECT_LT(Clock::now() - start, kCheckTimeout + std::chrono::seconds(1));
  EXPECT_TRUE(result.reason().starts_with("refused: ")) << result.reason();
}

}  // namespace
}  // namespace bigbrotr::nips
