// Each misbehaviour switch of the fixture relay, observed from the client side.
#include <gtest/gtest.h>

#include <chrono>
#include <ctime>

#include "integration/peers/peer_test_support.hpp"
#include "support/fixture_relay_process.hpp"

namespace bigbrotr::testing {
namespace {

using Clock = std::chrono::steady_clock;

FixtureRelayProcess relay_with(std::vector<std::string> options) {
  options.insert(options.begin(), {"--data", test_events_file()});
  return FixtureRelayProcess(options);
}

std::vector<std::optional<std::string>> problems(const Answer& answer) {
  std::vector<std::optional<std::string>> found;
  for (const auto& object : answer.events) {
    auto event = models::Event::from_json(object);
    found.push_back(event ? event->check() : std::optional<std::string>(event.reason()));
  }
  return found;
}

TEST(FixtureMisbehaviour, CapServesFewerEventsThanTheLimit) {
  auto relay = relay_with({"--cap", "3"});
  auto client = connect_or_throw(relay.url());
  const Answer answer = query(*client, "s", R"({"limit":10})");
  EXPECT_EQ(answer.end_type(), "EOSE");
  EXPECT_EQ(answer.events.size(), 3u);
}

TEST(FixtureMisbehaviour, SlowMsDelaysEveryMessage) {
  auto relay = relay_with({"--slow-ms", "100"});
  auto client = connect_or_throw(relay.url());
  const auto started = Clock::now();
  const Answer answer = query(*client, "s", R"({"limit":3})");  // 3 events + EOSE
  EXPECT_EQ(answer.end_type(), "EOSE");
  EXPECT_GE(Clock::now() - started, 400ms);
}

TEST(FixtureMisbehaviour, DropAfterEndsTheConnectionMidStream) {
  auto relay = relay_with({"--drop-after", "2"});
  auto client = connect_or_throw(relay.url());
  const Answer answer = query(*client, "s", R"({"limit":10})");
  EXPECT_EQ(answer.events.size(), 2u);
  EXPECT_FALSE(answer.end.has_value());
  EXPECT_EQ(answer.last, Frame::Kind::closed);
  EXPECT_FALSE(answer.clean_close);  // no WebSocket close frame: the TCP connection just ended
}

TEST(FixtureMisbehaviour, InvalidJsonInterleavesGarbageFrames) {
  auto relay = relay_with({"--invalid-json"});
  auto client = connect_or_throw(relay.url());
  const Answer answer = query(*client, "s", R"({"limit":3})");
  EXPECT_EQ(answer.events.size(), 3u);
  EXPECT_EQ(answer.garbage.size(), 4u);  // one before each event and before EOSE
  EXPECT_EQ(answer.end_type(), "EOSE");
}

TEST(FixtureMisbehaviour, OversizedSendsOneFrameOfThatSize) {
  auto relay = relay_with({"--oversized", "2000000"});
  auto client = connect_or_throw(relay.url());
  const Frame frame = client->read();
  ASSERT_EQ(frame.kind, Frame::Kind::text);
  EXPECT_EQ(frame.text.size(), 2000000u);
  EXPECT_EQ(query(*client, "s", R"({"limit":1})").events.size(), 1u);
}

TEST(FixtureMisbehaviour, BadSigCorruptsEveryOtherSignature) {
  auto relay = relay_with({"--bad-sig"});
  auto client = connect_or_throw(relay.url());
  const auto found = problems(query(*client, "s", R"({"limit":4})"));
  const std::optional<std::string> bad("invalid signature");
  EXPECT_EQ(found, (std::vector<std::optional<std::string>>{bad, std::nullopt, bad, std::nullopt}));
}

TEST(FixtureMisbehaviour, WrongIdCorruptsEveryOtherId) {
  auto relay = relay_with({"--wrong-id"});
  auto client = connect_or_throw(relay.url());
  const Answer answer = query(*client, "s", R"({"limit":4})");
  const std::optional<std::string> bad("id mismatch");
  EXPECT_EQ(problems(answer),
            (std::vector<std::optional<std::string>>{bad, std::nullopt, bad, std::nullopt}));
  EXPECT_NE(answer.ids()[0], expected_ids_newest_first()[0]);  // the damaged id is what is sent
}

TEST(FixtureMisbehaviour, BadSigWithWrongIdAlternatesTheTwoForgeries) {
  auto relay = relay_with({"--bad-sig", "--wrong-id"});
  auto client = connect_or_throw(relay.url());
  const std::optional<std::string> bad_sig("invalid signature");
  const std::optional<std::string> bad_id("id mismatch");
  EXPECT_EQ(problems(query(*client, "s", R"({"limit":4})")),
            (std::vector<std::optional<std::string>>{bad_sig, std::nullopt, bad_id, std::nullopt}));
}

TEST(FixtureMisbehaviour, NoticeFloodSendsNoticesOnConnect) {
  auto relay = relay_with({"--notice-flood", "50"});
  auto client = connect_or_throw(relay.url());
  const Answer answer = query(*client, "s", R"({"limit":1})");
  EXPECT_EQ(answer.other.size(), 50u);
  for (const auto& message : answer.other) EXPECT_TRUE(message.starts_with(R"(["NOTICE",)"));
  EXPECT_EQ(answer.events.size(), 1u);
}

TEST(FixtureMisbehaviour, ClosedAnswersEveryReqWithClosed) {
  auto relay = relay_with({"--closed", "blocked: not today"});
  auto client = connect_or_throw(relay.url());
  const Answer answer = query(*client, "s", R"({"limit":1})");
  EXPECT_EQ(answer.end_type(), "CLOSED");
  EXPECT_EQ(answer.closed_reason(), "blocked: not today");
  EXPECT_TRUE(answer.events.empty());
}

models::Event auth_event(const std::string& relay_url, const std::string& challenge,
                         std::int64_t created_at) {
  return models::Event::sign(created_at, 22242, {{"relay", relay_url + "/"}, {"challenge", challenge}}, "",
                             test_key(9));
}

TEST(FixtureMisbehaviour, AuthRequiresNip42BeforeServing) {
  auto relay = relay_with({"--auth"});
  auto client = connect_or_throw(relay.url());
  const Frame greeting = client->read();
  const auto message = boost::json::parse(greeting.text).as_array();
  ASSERT_EQ(text_of(message.at(0)), "AUTH");
  const std::string challenge(message.at(1).as_string());

  const Answer refused = query(*client, "s", R"({"limit":1})");
  EXPECT_EQ(refused.end_type(), "CLOSED");
  EXPECT_TRUE(refused.closed_reason().starts_with("auth-required:"));

  const std::int64_t now = std::time(nullptr);
  const auto stale = publish(*client, auth_event(relay.url(), challenge, now - 3600).to_json(), "AUTH");
  ASSERT_TRUE(stale.has_value());
  EXPECT_EQ((*stale)[2], false);
  const auto wrong = publish(*client, auth_event(relay.url(), "not-the-challenge", now).to_json(), "AUTH");
  ASSERT_TRUE(wrong.has_value());
  EXPECT_EQ((*wrong)[2], false);
  const auto elsewhere =
      publish(*client, auth_event("wss://relay.example.com", challenge, now).to_json(), "AUTH");
  ASSERT_TRUE(elsewhere.has_value());
  EXPECT_EQ((*elsewhere)[2], false);

  const auto accepted = publish(*client, auth_event(relay.url(), challenge, now).to_json(), "AUTH");
  ASSERT_TRUE(accepted.has_value());
  EXPECT_EQ((*accepted)[2], true);
  EXPECT_EQ(query(*client, "s", R"({"limit":1})").events.size(), 1u);
}

TEST(FixtureMisbehaviour, SilentAcceptsButNeverAnswers) {
  auto relay = relay_with({"--silent"});
  auto client = connect_or_throw(relay.url());
  const Answer answer = query(*client, "s", R"({"limit":1})", 500ms);
  EXPECT_EQ(answer.last, Frame::Kind::timeout);
  EXPECT_TRUE(answer.events.empty());
  EXPECT_TRUE(answer.other.empty());
}

TEST(FixtureMisbehaviour, NoUpgradeAnswersPlainHttp) {
  auto relay = relay_with({"--no-upgrade"});
  auto client = NostrTestClient::connect(relay.url());
  ASSERT_FALSE(client.ok());
  EXPECT_EQ(client.reason(), "upgrade declined: HTTP 200");
  const auto page = http_get(relay.http_url(), "text/html");
  ASSERT_TRUE(page.has_value());
  EXPECT_EQ(page->status, 200);
  EXPECT_EQ(page->headers.at("server"), "bigbrotr-fixture");
}

}  // namespace
}  // namespace bigbrotr::testing
