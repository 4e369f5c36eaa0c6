// fetch_nip11 against real servers on 127.0.0.1: the npm relay (a relay we did not
// write), the fixture relay serving good and hostile documents, a dead port, and wss with
// a self-signed certificate (insecure fallback only when allowed, and then reported).
#include "nips/nip11/nip11_fetch.hpp"

#include <boost/json/serialize.hpp>
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
using testing::local_relay;
using testing::run_check;
using testing::TempDir;

Nip11Fetch fetch(const std::string& url, std::size_t max_size = kNip11MonitorMaxSize,
                 bool allow_insecure = false) {
  Nip11FetchOptions options;
  options.transport = testing::local_transport();
  options.transport.allow_insecure = allow_insecure;
  options.timeout = kCheckTimeout;
  options.max_size = max_size;
  return run_check(fetch_nip11(local_relay(url), options));
}

const char* const kFullDocument = R"({
  "name": "Full Relay", "description": "every field", "banner": "https://x/b.png", "icon": "https://x/i.png",
  "pubkey": "aa", "self": "bb", "contact": "mailto:op@x", "software": "git+https://x", "version": "1.2.3",
  "privacy_policy": "https://x/p", "terms_of_service": "https://x/t", "posting_policy": "https://x/pp",
  "payments_url": "https://x/pay", "supported_nips": [42, 1, 11, 1],
  "relay_countries": ["CA", "US"], "language_tags": ["en"], "tags": ["sfw-only"], "attributes": ["x"],
  "limitation": {"max_message_length": 16384, "max_subscriptions": 20, "max_limit": 5000,
                 "max_subid_length": 100, "max_event_tags": 100, "max_content_length": 8196,
                 "min_pow_difficulty": 0, "auth_required": false, "payment_required": true,
                 "restricted_writes": true, "created_at_lower_limit": 31536000,
                 "created_at_upper_limit": 3, "default_limit": 500},
  "retention": [{"kinds": [0, 1, [5, 7], [40, 49]], "time": 3600}, {"count": 1000}],
  "fees": {"admission": [{"amount": 1000000, "unit": "msats"}],
           "subscription": [{"amount": 5000000, "unit": "msats", "period": 2592000}],
           "publication": [{"kinds": [4], "amount": 100, "unit": "msats"}]}
})";

TEST(Nip11FetchNpmRelay, ReadsTheDocumentItServes) {
  if (!testing::NpmRelayProcess::available()) GTEST_SKIP() << "run npm ci in tests/peers";
  testing::NpmRelayProcess relay;
  const auto result = fetch(relay.url());
  ASSERT_TRUE(result.result.succeeded()) << result.result.reason();
  EXPECT_EQ(result.result.data.at("name").as_string(), "bigbrotr npm test relay");
  EXPECT_EQ(boost::json::serialize(result.result.data.at("supported_nips")), "[1,11]");
  EXPECT_TRUE(result.dropped_fields.empty());
}

TEST(Nip11FetchFixture, ReadsEveryFieldOfAFullDocument) {
  TempDir dir;
  FixtureRelayProcess relay({"--nip11", testing::write_text(dir, "nip11.json", kFullDocument)});
  const auto result = fetch(relay.url());
  ASSERT_TRUE(result.result.succeeded()) << result.result.reason();
  const auto& data = result.result.data;
  EXPECT_EQ(data.at("self").as_string(), "bb");
  EXPECT_EQ(boost::json::serialize(data.at("supported_nips")), "[1,11,42]");
  EXPECT_EQ(data.at("limitation").as_object().at("max_limit").as_int64(), 5000);
  EXPECT_TRUE(data.at("limitation").as_object().at("restricted_writes").as_bool());
  EXPECT_EQ(data.at("retention").as_array().size(), 2U);
  EXPECT_EQ(data.at("fees").as_object().at("publication").as_array().size(), 1U);
  EXPECT_TRUE(result.dropped_fields.empty());
  EXPECT_EQ(result.min_pow_difficulty, 0);
  EXPECT_TRUE(result.result.to_metadata(models::MetadataType::nip11_info).ok());
}

TEST(Nip11FetchFixture, WrongTypesAreDroppedAndCounted) {
  TempDir dir;
  const std::string body =
      R"({"name":"ok","description":42,"supported_nips":[1,true,2.0,"11"],)"
      R"("limitation":{"max_limit":"many","auth_required":1,"min_pow_difficulty":8},"relay_countries":[1,2]})";
  FixtureRelayProcess relay({"--nip11", testing::write_text(dir, "nip11.json", body)});
  const auto result = fetch(relay.url());
  ASSERT_TRUE(result.result.succeeded()) << result.result.reason();
  EXPECT_EQ(result.result.data.at("name").as_string(), "ok");
  EXPECT_FALSE(result.result.data.contains("description"));
  EXPECT_EQ(boost::json::serialize(result.result.data.at("supported_nips")), "[1]");
  EXPECT_EQ(result.dropped_fields.size(), 8U) << boost::json::serialize(result.result.data);
  EXPECT_EQ(result.min_pow_difficulty, 8);
}

TEST(Nip11FetchFixture, NonJsonBodyFailsCleanly) {
  TempDir dir;
  FixtureRelayProcess relay({"--nip11", testing::write_text(dir, "nip11.json", "<html>not json</html>")});
  const auto result = fetch(relay.url());
  EXPECT_FALSE(result.result.succeeded());
  EXPECT_TRUE(result.result.reason().starts_with("invalid JSON")) << result.result.reason();
  EXPECT_TRUE(result.result.data.empty());
}

TEST(Nip11FetchFixture, JsonThatIsNoObjectFails) {
  TempDir dir;
  FixtureRelayProcess relay({"--nip11", testing::write_text(dir, "nip11.json", R"(["name"])")});
  EXPECT_EQ(fetch(relay.url()).result.reason(), "Expected dict, got list");
}

TEST(Nip11FetchFixture, OversizedBodyIsCutOff) {
  TempDir dir;
  const std::string body = R"({"name":")" + std::string(4096, 'x') + R"("})";
  FixtureRelayProcess relay({"--nip11", testing::write_text(dir, "nip11.json", body)});
  EXPECT_EQ(fetch(relay.url(), 1024).result.reason(), "Response body too large: >1024 bytes");
  EXPECT_TRUE(fetch(relay.url(), 8192).result.succeeded());
}

TEST(Nip11FetchFixture, WrongStatusFails) {
  FixtureRelayProcess relay({"--nip11-status", "404"});
  EXPECT_EQ(fetch(relay.url()).result.reason(), "HTTP 404");
}

TEST(Nip11FetchFixture, WrongContentTypeFails) {
  FixtureRelayProcess relay({"--nip11-content-type", "text/html; charset=utf-8"});
  EXPECT_EQ(fetch(relay.url()).result.reason(), "Invalid Content-Type: text/html");
}

TEST(Nip11FetchFixture, DeadPortFailsFast) {
  FixtureRelayProcess dead;
  const std::string url = dead.url();
  dead.stop();
  const auto start = Clock::now();
  const auto result = fetch(url);
  EXPECT_FALSE(result.result.succeeded());
  EXPECT_TRUE(result.result.reason().starts_with("refused: ")) << result.result.reason();
  EXPECT_LT(Clock::now() - start, kCheckTimeout + std::chrono::seconds(1));
}

TEST(Nip11FetchFixture, SelfSignedCertificateNeedsAllowInsecure) {
  TempDir dir;
  testing::make_self_signed_certificate(dir);
  FixtureRelayProcess relay(
      {"--tls-cert", (dir.path() / "cert.pem").string(), "--tls-key", (dir.path() / "key.pem").string()});
  const auto refused = fetch(relay.url());
  EXPECT_FALSE(refused.result.succeeded());
  EXPECT_TRUE(refused.result.reason().starts_with("certificate")) << refused.result.reason();
  EXPECT_FALSE(refused.insecure);

  const auto allowed = fetch(relay.url(), kNip11MonitorMaxSize, /*allow_insecure=*/true);
  ASSERT_TRUE(allowed.result.succeeded()) << allowed.result.reason();
  EXPECT_TRUE(allowed.insecure);
  EXPECT_EQ(allowed.result.data.at("name").as_string(), "bigbrotr fixture relay");
}

}  // namespace
}  // namespace bigbrotr::nips
