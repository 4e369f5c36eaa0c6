// The fixture relay (tests/fixtures/relay) as a client sees it: NIP-01 serving and
// publishing, NIP-11, NIP-42, and every misbehaviour switch.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "integration/peers/peer_test_support.hpp"
#include "support/fixture_relay_process.hpp"

namespace bigbrotr::testing {
namespace {

using Clock = std::chrono::steady_clock;

FixtureRelayProcess relay_with_data(std::vector<std::string> options = {}) {
  options.insert(options.begin(), {"--data", test_events_file()});
  return FixtureRelayProcess(options);
}

std::vector<std::string> first_ids(std::size_t count) {
  auto ids = expected_ids_newest_first();
  ids.resize(count);
  return ids;
}

TEST(FixtureRelay, ServesStoredEventsNewestFirstUpToLimitThenEose) {
  auto relay = relay_with_data();
  auto client = connect_or_throw(relay.url());
  const Answer answer = query(*client, "s", R"({"limit":5})");
  EXPECT_EQ(answer.end_type(), "EOSE");
  EXPECT_EQ(answer.ids(), first_ids(5));  // includes the created_at tie, broken by id
  const Answer all = query(*client, "all", "{}");
  EXPECT_EQ(all.ids(), expected_ids_newest_first());
}

TEST(FixtureRelay, AppliesEveryFilterField) {
  auto relay = relay_with_data();
  auto client = connect_or_throw(relay.url());
  const auto& events = test_events();
  EXPECT_EQ(query(*client, "kinds", R"({"kinds":[7]})").events.size(), 6u);
  EXPECT_EQ(query(*client, "authors", R"({"authors":[")" + events[0].pubkey_hex() + R"("]})").events.size(),
            6u);
  EXPECT_EQ(query(*client, "ids", R"({"ids":[")" + events[3].id_hex() + R"("]})").ids(),
            std::vector<std::string>{events[3].id_hex()});
  EXPECT_EQ(query(*client, "tags", R"({"#t":["three"]})").events.size(), 4u);  // 0, 3, 6, 9
  EXPECT_EQ(query(*client, "window", R"({"since":1700000002,"until":1700000004})").events.size(), 3u);
  EXPECT_EQ(query(*client, "and", R"({"kinds":[1],"#t":["three"]})").events.size(), 2u);  // 0, 6
  // Several filters: the union, each with its own limit.
  EXPECT_EQ(query(*client, "or", R"({"kinds":[1],"limit":1},{"kinds":[7],"limit":2})").events.size(), 3u);
}

TEST(FixtureRelay, KeepsSeveralSubscriptionsAndStopsOnClose) {
  auto relay = relay_with_data();
  auto client = connect_or_throw(relay.url());
  auto publisher = connect_or_throw(relay.url());
  ASSERT_EQ(query(*client, "ones", R"({"kinds":[1],"limit":0})").end_type(), "EOSE");
  ASSERT_EQ(query(*client, "sevens", R"({"kinds":[7],"limit":0})").end_type(), "EOSE");

  const auto seven = models::Event::sign(kBaseTime + 500, 7, {}, "live", test_key(3));
  ASSERT_TRUE(publish(*publisher, seven.to_json()).has_value());
  const Frame live = client->read();
  ASSERT_EQ(live.kind, Frame::Kind::text);
  EXPECT_NE(live.text.find(R"(["EVENT","sevens",)"), std::string::npos) << live.text;

  ASSERT_TRUE(client->send(R"(["CLOSE","sevens"])"));
  const auto another = models::Event::sign(kBaseTime + 501, 7, {}, "after close", test_key(3));
  ASSERT_TRUE(publish(*publisher, another.to_json()).has_value());
  EXPECT_EQ(client->read(300ms).kind, Frame::Kind::timeout);
}

TEST(FixtureRelay, AcceptsPublishedEventsWithNip01Answers) {
  auto relay = relay_with_data();
  auto client = connect_or_throw(relay.url());
  const auto event = models::Event::sign(kBaseTime + 1000, 1, {{"t", "new"}}, "published", test_key(4));

  const auto ok = publish(*client, event.to_json());
  ASSERT_TRUE(ok.has_value());
  EXPECT_EQ(text_of((*ok)[1]), event.id_hex());
  EXPECT_EQ((*ok)[2], true);
  const auto again = publish(*client, event.to_json());
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ((*again)[2], true);
  EXPECT_TRUE(std::string((*again)[3].as_string()).starts_with("duplicate:"));

  std::string forged = event.to_json();
  forged[forged.size() - 3] = forged[forged.size() - 3] == '0' ? '1' : '0';  // last sig digit
  const auto refused = publish(*client, forged);
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ((*refused)[2], false);
  EXPECT_TRUE(std::string((*refused)[3].as_string()).starts_with("invalid:"));

  EXPECT_EQ(query(*client, "back", R"({"#t":["new"]})").ids(), std::vector<std::string>{event.id_hex()});
}

TEST(FixtureRelay, RefusesPublishesWhenFull) {
  auto relay = relay_with_data({"--max-events", std::to_string(kEventCount)});
  auto client = connect_or_throw(relay.url());
  const auto ok =
      publish(*client, models::Event::sign(kBaseTime, 1, {}, "one too many", test_key(5)).to_json());
  ASSERT_TRUE(ok.has_value());
  EXPECT_EQ((*ok)[2], false);
  EXPECT_TRUE(std::string((*ok)[3].as_string()).starts_with("error:"));
}

TEST(FixtureRelay, AnswersHostileFramesWithoutHangingUp) {
  auto relay = relay_with_data();
  auto client = connect_or_throw(relay.url());
  ASSERT_TRUE(client->send("not json"));
  const Frame notice = client->read();
  EXPECT_TRUE(notice.text.starts_with(R"(["NOTICE",)")) << notice.text;
  const Answer unknown = query(*client, "x", R"({"colour":"blue"})");
  EXPECT_EQ(unknown.end_type(), "CLOSED");
  EXPECT_TRUE(unknown.closed_reason().starts_with("unsupported:"));
  EXPECT_EQ(query(*client, "y", R"({"limit":1})").events.size(), 1u);
}

TEST(FixtureRelay, ServesNip11AndNamesItselfInHeaders) {
  auto relay = relay_with_data();
  const auto nip11 = http_get(relay.http_url(), "application/nostr+json");
  ASSERT_TRUE(nip11.has_value());
  EXPECT_EQ(nip11->status, 200);
  EXPECT_EQ(nip11->headers.at("content-type"), "application/nostr+json");
  EXPECT_EQ(nip11->headers.at("access-control-allow-origin"), "*");
  EXPECT_EQ(nip11->headers.at("server"), "bigbrotr-fixture");
  EXPECT_EQ(nip11->headers.at("x-powered-by"), "fixture");
  EXPECT_EQ(text_of(boost::json::parse(nip11->body).at("name")), "bigbrotr fixture relay");

  auto client = connect_or_throw(relay.url());
  EXPECT_EQ(client->upgrade_header("Server"), "bigbrotr-fixture");
  EXPECT_EQ(client->upgrade_header("X-Powered-By"), "fixture");
}

TEST(FixtureRelay, ServesTheNip11DocumentItIsGiven) {
  const auto path =
      std::filesystem::temp_directory_path() / ("bigbrotr-fixture-nip11-" + std::to_string(::getpid()));
  std::ofstream(path) << R"({"name":"custom","supported_nips":[1]})";
  FixtureRelayProcess relay({"--nip11", path.string()});
  const auto nip11 = http_get(relay.http_url(), "application/nostr+json");
  std::filesystem::remove(path);
  ASSERT_TRUE(nip11.has_value());
  EXPECT_EQ(nip11->body, R"({"name":"custom","supported_nips":[1]})");
}

TEST(FixtureRelay, ServesWssWithACertificate) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("bigbrotr-fixture-tls-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string command =
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 "
      "-subj /CN=127.0.0.1 -keyout " +
      (dir / "key.pem").string() + " -out " + (dir / "cert.pem").string() + " >/dev/null 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0);
  auto relay =
      relay_with_data({"--tls-cert", (dir / "cert.pem").string(), "--tls-key", (dir / "key.pem").string()});
  EXPECT_TRUE(relay.url().starts_with("wss://"));
  auto client = connect_or_throw(relay.url());
  EXPECT_EQ(query(*client, "s", R"({"limit":2})").ids(), first_ids(2));
  const auto nip11 = http_get(relay.http_url(), "application/nostr+json");
  ASSERT_TRUE(nip11.has_value());
  EXPECT_EQ(nip11->headers.at("server"), "bigbrotr-fixture");
  std::filesystem::remove_all(dir);
}

TEST(FixtureRelay, StopsCleanlyOnSigterm) {
  auto relay = relay_with_data({"--slow-ms", "1000"});
  auto client = connect_or_throw(relay.url());
  ASSERT_TRUE(client->send(R"(["REQ","s",{}])"));
  const auto started = Clock::now();
  const int status = relay.stop(SIGTERM);
  EXPECT_LT(Clock::now() - started, 2s);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

}  // namespace
}  // namespace bigbrotr::testing
