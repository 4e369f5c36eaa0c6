// Cross-implementation check: events signed by our code must be accepted by
// nostr-tools' verifyEvent (tests/peers/verify_events.mjs), the reference client.
// Requires Node and `cd tests/peers && npm ci`; fails (does not skip) without them.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "models/event.hpp"
#include "support/nostr_tools_verdicts.hpp"

namespace bigbrotr::models {
namespace {

using namespace std::string_literals;

using testing::nostr_tools_verdicts;

std::vector<Event> events_with_edge_cases() {
  SecretKey key{};
  key.fill(0x42);
  std::string controls;
  for (char c = 0; c < 0x20; ++c) controls.push_back(c);
  std::string big;
  while (big.size() < 70000) big += "line é😀\t\"q\"\\\n";
  const std::vector<std::string> contents = {""s,
                                             "plain",
                                             "\n",
                                             "\"",
                                             "\\",
                                             "\r",
                                             "\t",
                                             "\b",
                                             "\f",
                                             "\0"s,
                                             "a\0b"s,
                                             controls,
                                             "\x7f",
                                             "\u2028\u2029",
                                             "\u0085",
                                             "😀🤙⚡",
                                             "👨‍👩‍👧‍👦🇮🇹",
                                             "𝄞\U0010FFFF",
                                             "\uFEFF\uFFFF",
                                             "e\u0301",
                                             "日本語 العربية",
                                             "\\u0000\\\"",
                                             "</script>",
                                             big};
  std::vector<Event> events;
  for (const auto& content : contents) {
    events.push_back(Event::sign(1732500000, 1, {{"t", content}, {content, ""}, {}}, content, key));
  }
  EventTags many;
  for (int i = 0; i < 2000; ++i)
    many.push_back({"p", std::string(64, 'b'), "wss://r.example", std::to_string(i)});
  events.push_back(Event::sign(0, 0, {}, R"({"name":"bob"})", key));
  events.push_back(Event::sign(9007199254740991, 65535, std::move(many), "many tags", key));
  events.push_back(Event::sign(4102444800, 30166, {{"d", "wss://relay.example.com/"}}, "", key));
  return events;
}

TEST(EventNostrTools, AcceptsEveryEventWeSign) {
  ASSERT_TRUE(testing::nostr_tools_installed()) << "nostr-tools is not installed: run `cd tests/peers && npm ci`";
  const auto events = events_with_edge_cases();
  std::string ndjson;
  for (const auto& event : events) {
    event.append_json(ndjson);
    ndjson.push_back('\n');
  }
  const auto verdicts = nostr_tools_verdicts(ndjson);
  ASSERT_EQ(verdicts.size(), events.size()) << "is `node` on PATH?";
  for (std::size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(verdicts[i], "ok") << "event " << i << ": " << events[i].to_json().substr(0, 300);
    // Our own wire form parses back to the same event, too.
    const auto reparsed = Event::parse(events[i].to_json());
    ASSERT_TRUE(reparsed.ok()) << reparsed.reason();
    EXPECT_EQ(*reparsed, events[i]);
  }
}

TEST(EventNostrTools, RejectsWhatWeReject) {
  // Guards the guard: the peer script must say "invalid" for a tampered event.
  ASSERT_TRUE(testing::nostr_tools_installed()) << "nostr-tools is not installed: run `cd tests/peers && npm ci`";
  SecretKey key{};
  key.fill(0x42);
  const Event event = Event::sign(1732500000, 1, {}, "original", key);
  auto sig = event.sig();
  sig[0] ^= 0x80;
  const auto bad_sig = Event::from_fields(event.id(), event.pubkey(), sig, 1732500000, 1, {}, "original");
  const auto bad_id =
      Event::from_fields(event.id(), event.pubkey(), event.sig(), 1732500000, 1, {}, "edited");
  ASSERT_TRUE(bad_sig.ok() && bad_id.ok());
  EXPECT_EQ(bad_sig->check(), "invalid signature");
  EXPECT_EQ(bad_id->check(), "id mismatch");
  const auto verdicts = nostr_tools_verdicts(event.to_json() + "\n" + bad_sig->to_json() + "\n" +
                                             bad_id->to_json() + "\nnot json\n");
  EXPECT_EQ(verdicts, (std::vector<std::string>{"ok", "invalid", "invalid", "invalid"}));
}

}  // namespace
}  // namespace bigbrotr::models
