#include "utils/transport/relay_message.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace bigbrotr::utils {
namespace {

models::Event sample_event() {
  static const Keys keys = Keys::generate();
  return models::Event::sign(1700000000, 1, {{"t", "test"}}, "hello", keys.secret_key());
}

template <class T>
T parse_as(std::string_view text) {
  auto parsed = parse_relay_message(text);
  EXPECT_TRUE(parsed) << text << " -> " << (parsed ? "" : parsed.reason());
  return std::get<T>(parsed.value());
}

TEST(RelayMessage, ParsesEveryRelayMessageType) {
  const models::Event event = sample_event();
  const auto got = parse_as<EventMessage>(R"(["EVENT","sub",)" + event.to_json() + "]");
  EXPECT_EQ(got.subscription_id, "sub");
  EXPECT_EQ(got.event, event);
  EXPECT_EQ(parse_as<EoseMessage>(R"(["EOSE","sub"])").subscription_id, "sub");
  const auto ok = parse_as<OkMessage>(R"(["OK","abc",false,"blocked: no"])");
  EXPECT_EQ(ok.event_id, "abc");
  EXPECT_FALSE(ok.accepted);
  EXPECT_EQ(ok.message, "blocked: no");
  EXPECT_EQ(parse_as<NoticeMessage>(R"(["NOTICE","hi"])").message, "hi");
  const auto closed = parse_as<ClosedMessage>(R"(["CLOSED","sub","auth-required: log in"])");
  EXPECT_EQ(closed.subscription_id, "sub");
  EXPECT_EQ(closed.message, "auth-required: log in");
  EXPECT_EQ(parse_as<AuthMessage>(R"(["AUTH","challenge-1"])").challenge, "challenge-1");
}

TEST(RelayMessage, LenientOnMissingOptionalMessages) {
  EXPECT_EQ(parse_as<OkMessage>(R"(["OK","abc",true])").message, "");
  EXPECT_EQ(parse_as<ClosedMessage>(R"(["CLOSED","sub"])").message, "");
  EXPECT_EQ(parse_as<EoseMessage>(R"(["EOSE","sub","extra",1])").subscription_id, "sub");
}

TEST(RelayMessage, RejectsHostileInputWithAReason) {
  const std::pair<const char*, const char*> cases[] = {
      {"", "invalid JSON"},
      {"not json", "invalid JSON"},
      {"[\"EOSE\",\"x\"", "invalid JSON"},
      {"{}", "not a JSON array"},
      {"\"EOSE\"", "not a JSON array"},
      {"[]", "malformed message: no type"},
      {"[1,2]", "malformed message: no type"},
      {"[\"EVENT\"]", "malformed EVENT message"},
      {"[\"EVENT\",\"s\",[]]", "malformed EVENT message"},
      {"[\"EOSE\"]", "malformed EOSE message"},
      {"[\"EOSE\",5]", "malformed EOSE message"},
      {"[\"OK\",\"id\",\"true\",\"\"]", "malformed OK message"},
      {"[\"NOTICE\",null]", "malformed NOTICE message"},
      {"[\"AUTH\",{}]", "malformed AUTH message"},
      {"[\"CLOSED\"]", "malformed CLOSED message"},
      {"[\"COUNT\",\"s\",{\"count\":1}]", "unknown message type: COUNT"},
  };
  for (const auto& [text, reason] : cases) {
    const auto parsed = parse_relay_message(text);
    ASSERT_FALSE(parsed) << text;
    EXPECT_EQ(parsed.reason(), reason) << text;
  }
}

TEST(RelayMessage, RejectsEventsOfTheWrongShape) {
  const auto parsed = parse_relay_message(R"(["EVENT","s",{"id":1}])");
  ASSERT_FALSE(parsed);
  EXPECT_TRUE(parsed.reason().starts_with("malformed EVENT message: ")) << parsed.reason();
}

TEST(RelayMessage, SurvivesDeepNesting) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  EXPECT_EQ(parse_relay_message(deep).reason(), "invalid JSON");
}

TEST(RelayMessage, BuildsClientMessages) {
  boost::json::object filter{{"kinds", {1}}, {"limit", 1}};
  EXPECT_EQ(make_req_message("s\"1", std::span(&filter, 1)), R"(["REQ","s\"1",{"kinds":[1],"limit":1}])");
  EXPECT_EQ(make_close_message("s1"), R"(["CLOSE","s1"])");
  const models::Event event = sample_event();
  const auto sent = boost::json::parse(make_event_message(event)).as_array();
  EXPECT_EQ(sent[0], "EVENT");
  EXPECT_EQ(models::Event::from_json(sent[1].as_object()).value(), event);
}

TEST(RelayMessage, AuthEventFollowsNip42) {
  const Keys keys = Keys::generate();
  const models::Event auth = make_auth_event(keys, "wss://relay.example.com", "c-123", 1700000000);
  EXPECT_EQ(auth.kind(), 22242);
  EXPECT_EQ(auth.first_tag_value("relay"), "wss://relay.example.com");
  EXPECT_EQ(auth.first_tag_value("challenge"), "c-123");
  EXPECT_EQ(auth.pubkey(), keys.public_key());
  EXPECT_TRUE(auth.verify());
  const auto sent = boost::json::parse(make_auth_message(auth)).as_array();
  EXPECT_EQ(sent[0], "AUTH");
}

}  // namespace
}  // namespace bigbrotr::utils
