// `bigbrotr relay check` run as a user runs it, against the fixture relay on 127.0.0.1.
#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

#include <chrono>
#include <string>
#include <vector>

#include "support/fixture_relay_process.hpp"
#include "support/run_command.hpp"

namespace bigbrotr::app {
namespace {

using bigbrotr::testing::FixtureRelayProcess;
using bigbrotr::testing::run_bigbrotr;

const std::vector<std::string> kNoKey{"-NOSTR_PRIVATE_KEY"};

boost::json::object parse_output(const std::string& out) {
  boost::system::error_code ec;
  auto value = boost::json::parse(out, ec);
  EXPECT_FALSE(ec) << out;
  return ec || !value.is_object() ? boost::json::object{} : value.as_object();
}

TEST(CmdRelayCheck, InvalidUrlExitsTwo) {
  const auto result = run_bigbrotr({"relay", "check", "https://relay.example.com"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.out, "");
  EXPECT_NE(result.err.find("invalid relay URL: invalid scheme"), std::string::npos) << result.err;
}

TEST(CmdRelayCheck, LocalUrlNeedsAllowLocal) {
  const auto result = run_bigbrotr({"relay", "check", "ws://127.0.0.1:1"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("local addresses not allowed"), std::string::npos) << result.err;
}

TEST(CmdRelayCheck, UnknownCheckExitsTwo) {
  const auto result =
      run_bigbrotr({"relay", "check", "--allow-local", "--checks", "nip11,pow", "ws://127.0.0.1:1"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("unknown check: pow"), std::string::npos) << result.err;
}

TEST(CmdRelayCheck, MissingGeoDatabaseExitsTwo) {
  const auto result = run_bigbrotr(
      {"relay", "check", "--geo-city", "/nonexistent/GeoLite2-City.mmdb", "wss://relay.example.com"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("cannot open --geo-city /nonexistent/GeoLite2-City.mmdb"), std::string::npos)
      << result.err;
}

TEST(CmdRelayCheck, BadTimeoutExitsTwo) {
  const auto result = run_bigbrotr({"relay", "check", "--timeout", "0", "wss://relay.example.com"});
  EXPECT_EQ(result.exit_code, 2);
}

TEST(CmdRelayCheck, InvalidKeyInEnvironmentExitsTwo) {
  const auto result = run_bigbrotr({"relay", "check", "--allow-local", "--checks", "rtt", "ws://127.0.0.1:1"},
                                   "", {"NOSTR_PRIVATE_KEY=not-a-key"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("NOSTR_PRIVATE_KEY"), std::string::npos) << result.err;
}

TEST(CmdRelayCheck, DownRelayIsAResultWithFailedChecks) {
  FixtureRelayProcess dead;
  const std::string url = dead.url();
  dead.stop();
  const auto start = std::chrono::steady_clock::now();
  const auto result =
      run_bigbrotr({"relay", "check", "--json", "--allow-local", "--timeout", "2", url}, "", kNoKey);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(30));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  const auto document = parse_output(result.out);
  EXPECT_EQ(document.at("relay").as_string(), url);
  EXPECT_FALSE(document.at("nip11_info").at("logs").at("success").as_bool());
  EXPECT_FALSE(document.at("nip66_rtt").at("logs").at("open_success").as_bool());
  EXPECT_FALSE(document.at("nip66_http").at("logs").at("success").as_bool());
  EXPECT_EQ(document.at("nip66_geo").at("logs").at("reason").as_string(), "requires clearnet, got local");
  EXPECT_EQ(document.size(), 8U);
  EXPECT_NE(result.err.find("freshly generated key"), std::string::npos) << result.err;
}

TEST(CmdRelayCheck, LiveRelayGivesNip11RttAndHttpData) {
  FixtureRelayProcess relay;
  const auto result = run_bigbrotr({"relay", "check", "--json", "--allow-local", "--checks", "nip11,rtt,http",
                                    "--timeout", "5", relay.url()},
                                   "", kNoKey);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  const auto document = parse_output(result.out);
  EXPECT_EQ(document.size(), 4U);
  EXPECT_EQ(document.at("nip11_info").at("data").at("name").as_string(), "bigbrotr fixture relay");
  EXPECT_TRUE(document.at("nip66_rtt").at("logs").at("open_success").as_bool());
  EXPECT_TRUE(document.at("nip66_rtt").at("data").as_object().contains("rtt_open"));
  EXPECT_EQ(document.at("nip66_http").at("data").at("http_server").as_string(), "bigbrotr-fixture");
  EXPECT_EQ(document.at("nip66_http").at("data").at("http_powered_by").as_string(), "fixture");
}

TEST(CmdRelayCheck, TableNamesEveryCheckAndItsFields) {
  FixtureRelayProcess relay;
  const auto result = run_bigbrotr(
      {"relay", "check", "--allow-local", "--checks", "nip11,ssl", "--timeout", "5", relay.url()});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("relay       " + relay.url() + "\n"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("nip11_info  ok\n"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("  name                bigbrotr fixture relay\n"), std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("nip66_ssl   failed: requires clearnet, got local\n"), std::string::npos)
      << result.out;
}

}  // namespace
}  // namespace bigbrotr::app
