#include "models/event.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "models/hex.hpp"

namespace bigbrotr::models {
namespace {

using namespace std::string_literals;

SecretKey secret_key(std::uint8_t seed) {
  SecretKey key{};
  key.fill(seed);
  return key;
}

Event signed_note(std::string content = "hello nostr", EventTags tags = {{"t", "test"}}) {
  return Event::sign(1700000000, 1, std::move(tags), std::move(content), secret_key(7));
}

boost::json::object wire_object(const Event& event) {
  return boost::json::parse(event.to_json()).as_object();
}

// The reason parse() gives for the signed note with `field` replaced by `json_value`.
std::string reason_with(std::string_view field, std::string_view json_value) {
  auto object = wire_object(signed_note());
  object[field] = boost::json::parse(json_value);
  const auto result = Event::parse(boost::json::serialize(object));
  return result.ok() ? "accepted" : result.reason();
}

std::string reason_of(std::string_view json) {
  const auto result = Event::parse(json);
  return result.ok() ? "accepted" : result.reason();
}

// --- well-formed input ------------------------------------------------------------

TEST(Event, ParsesItsOwnWireFormBack) {
  const Event event = signed_note();
  const auto parsed = Event::parse(event.to_json());
  ASSERT_TRUE(parsed.ok()) << parsed.reason();
  EXPECT_EQ(*parsed, event);
  EXPECT_FALSE(parsed->check().has_value());
  EXPECT_TRUE(parsed->verify());
}

TEST(Event, AcceptsFieldsInAnyOrderWithWhitespace) {
  const Event event = signed_note();
  const std::string json =
      " {\n \"sig\" : \"" + to_hex(event.sig()) + "\",\t\"content\":\"hello nostr\", " +
      "\"tags\":[ [\"t\" , \"test\"] ],\"kind\":1,\"created_at\":1700000000,\"pubkey\":\"" +
      event.pubkey_hex() + "\",\"id\":\"" + event.id_hex() + "\"}\r\n";
  const auto parsed = Event::parse(json);
  ASSERT_TRUE(parsed.ok()) << parsed.reason();
  EXPECT_EQ(*parsed, event);
}

TEST(Event, IgnoresUnknownFields) {
  auto object = wire_object(signed_note());
  object["seen_on"] = boost::json::array{"wss://relay.example.com"};
  object["relays"] = nullptr;
  const auto parsed = Event::parse(boost::json::serialize(object));
  ASSERT_TRUE(parsed.ok()) << parsed.reason();
  EXPECT_TRUE(parsed->verify());
}

TEST(Event, LastDuplicateKeyWinsLikeJsonParse) {
  const Event event = signed_note();
  std::string json = event.to_json();
  json.insert(1, "\"kind\":\"not a number\",");
  const auto parsed = Event::parse(json);
  ASSERT_TRUE(parsed.ok()) << parsed.reason();
  EXPECT_EQ(parsed->kind(), 1);
}

TEST(Event, AcceptsKindAndCreatedAtBounds) {
  EXPECT_EQ(reason_with("kind", "0"), "accepted");
  EXPECT_EQ(reason_with("kind", "65535"), "accepted");
  EXPECT_EQ(reason_with("created_at", "0"), "accepted");
  EXPECT_EQ(reason_with("created_at", "9223372036854775807"), "accepted");
  EXPECT_EQ(reason_of(R"({"id":")" + std::string(64, '0') + R"(","pubkey":")" + std::string(64, '0') +
                      R"(","created_at":-0,"kind":1,"tags":[],"content":"","sig":")" + std::string(128, '0') +
                      R"("})"),
            "accepted");
}

// --- malformed input ----------------------------------------------------------------

TEST(Event, RejectsTextThatIsNotJsonSayingWhereAndWhy) {
  EXPECT_EQ(reason_of(""), "malformed JSON at byte 0: incomplete JSON");
  EXPECT_EQ(reason_of("   "), "malformed JSON at byte 3: incomplete JSON");
  EXPECT_EQ(reason_of("hello"), "malformed JSON at byte 0: syntax error");
  EXPECT_EQ(reason_of("{"), "malformed JSON at byte 1: incomplete JSON");
  EXPECT_EQ(reason_of(R"({"id":1,})"), "malformed JSON at byte 8: syntax error");
  EXPECT_EQ(reason_of("{} {}"), "malformed JSON at byte 3: extra data");
  const std::string note = signed_note().to_json();
  EXPECT_EQ(reason_of(note + "x"), "malformed JSON at byte " + std::to_string(note.size()) + ": extra data");
  EXPECT_EQ(reason_of("{\"a\":1} // comment"), "malformed JSON at byte 8: extra data");
  EXPECT_EQ(reason_of(std::string(100000, '[')), "malformed JSON at byte 32: too deep");
}

TEST(Event, RejectsJsonThatIsNotAnObject) {
  EXPECT_EQ(reason_of("[]"), "not a JSON object");
  EXPECT_EQ(reason_of("null"), "not a JSON object");
  EXPECT_EQ(reason_of("42"), "not a JSON object");
  EXPECT_EQ(reason_of(R"("event")"), "not a JSON object");
  EXPECT_EQ(reason_of("[" + signed_note().to_json() + "]"), "not a JSON object");
}

TEST(Event, NamesEachMissingField) {
  for (const char* field : {"id", "pubkey", "created_at", "kind", "tags", "content", "sig"}) {
    auto object = wire_object(signed_note());
    object.erase(field);
    const auto parsed = Event::parse(boost::json::serialize(object));
    ASSERT_FALSE(parsed.ok()) << field;
    EXPECT_EQ(parsed.reason(), "missing field: "s + field);
  }
  EXPECT_EQ(reason_of("{}"), "missing field: id");
}

TEST(Event, RejectsNullInEachField) {
  EXPECT_EQ(reason_with("id", "null"), "field id: expected 64 lower-case hex characters");
  EXPECT_EQ(reason_with("pubkey", "null"), "field pubkey: expected 64 lower-case hex characters");
  EXPECT_EQ(reason_with("sig", "null"), "field sig: expected 128 lower-case hex characters");
  EXPECT_EQ(reason_with("created_at", "null"), "field created_at: expected a non-negative integer");
  EXPECT_EQ(reason_with("kind", "null"), "field kind: expected an integer between 0 and 65535");
  EXPECT_EQ(reason_with("tags", "null"), "field tags: expected an array of arrays of strings");
  EXPECT_EQ(reason_with("content", "null"), "field content: expected a string");
}

TEST(Event, RejectsMalformedHexFields) {
  const Event event = signed_note();
  const std::string id_error = "field id: expected 64 lower-case hex characters";
  const std::string sig_error = "field sig: expected 128 lower-case hex characters";
  const std::string id = event.id_hex();
  const std::string sig = to_hex(event.sig());
  std::string upper = id;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  ASSERT_NE(upper, id);
  EXPECT_EQ(reason_with("id", "\"" + upper + "\""), id_error);
  EXPECT_EQ(reason_with("id", "\"" + id.substr(1) + "\""), id_error);
  EXPECT_EQ(reason_with("id", "\"" + id + "0\""), id_error);
  EXPECT_EQ(reason_with("id", "\"" + id.substr(1) + "g\""), id_error);
  EXPECT_EQ(reason_with("id", "\"\""), id_error);
  EXPECT_EQ(reason_with("id", "12"), id_error);
  EXPECT_EQ(reason_with("id", "[\"" + id + "\"]"), id_error);
  EXPECT_EQ(reason_with("pubkey", "\"" + event.pubkey_hex().substr(2) + "\""),
            "field pubkey: expected 64 lower-case hex characters");
  EXPECT_EQ(reason_with("pubkey", "\"A" + event.pubkey_hex().substr(1) + "\""),
            "field pubkey: expected 64 lower-case hex characters");
  EXPECT_EQ(reason_with("sig", "\"" + sig.substr(1) + "\""), sig_error);
  EXPECT_EQ(reason_with("sig", "\"" + sig + "00\""), sig_error);
  EXPECT_EQ(reason_with("sig", "\"" + id + "\""), sig_error);
  EXPECT_EQ(reason_with("sig", "\"" + sig.substr(0, 127) + "F\""), sig_error);
  EXPECT_EQ(reason_with("sig", "\"" + sig.substr(0, 127) + " \""), sig_error);
}

TEST(Event, RejectsCreatedAtThatIsNotANonNegativeInteger) {
  const std::string error = "field created_at: expected a non-negative integer";
  EXPECT_EQ(reason_with("created_at", "-1"), error);
  EXPECT_EQ(reason_with("created_at", "-9223372036854775808"), error);
  EXPECT_EQ(reason_with("created_at", "1.5"), error);
  EXPECT_EQ(reason_with("created_at", "1700000000.0"), error);
  EXPECT_EQ(reason_with("created_at", "1.7e9"), error);
  EXPECT_EQ(reason_with("created_at", "\"1700000000\""), error);
  EXPECT_EQ(reason_with("created_at", "true"), error);
  EXPECT_EQ(reason_with("created_at", "[1]"), error);
}

TEST(Event, RejectsCreatedAtBeyondInt64) {
  EXPECT_EQ(reason_with("created_at", "9223372036854775808"), "field created_at: out of range");
  EXPECT_EQ(reason_with("created_at", "18446744073709551615"), "field created_at: out of range");
  EXPECT_EQ(reason_with("created_at", "100000000000000000000"), "field created_at: out of range");
  EXPECT_EQ(reason_with("created_at", "1e300"), "field created_at: out of range");
}

TEST(Event, RejectsKindOutsideZeroTo65535) {
  const std::string error = "field kind: expected an integer between 0 and 65535";
  EXPECT_EQ(reason_with("kind", "-1"), error);
  EXPECT_EQ(reason_with("kind", "65536"), error);
  EXPECT_EQ(reason_with("kind", "1.5"), error);
  EXPECT_EQ(reason_with("kind", "1.0"), error);
  EXPECT_EQ(reason_with("kind", "\"1\""), error);
  EXPECT_EQ(reason_with("kind", "18446744073709551615"), error);
  EXPECT_EQ(reason_with("kind", "{}"), error);
}

TEST(Event, RejectsTagsThatAreNotArraysOfArraysOfStrings) {
  const std::string error = "field tags: expected an array of arrays of strings";
  EXPECT_EQ(reason_with("tags", "{}"), error);
  EXPECT_EQ(reason_with("tags", "\"t\""), error);
  EXPECT_EQ(reason_with("tags", "[\"t\",\"x\"]"), error);
  EXPECT_EQ(reason_with("tags", "[[\"t\"],null]"), error);
  EXPECT_EQ(reason_with("tags", "[[\"t\",1]]"), error);
  EXPECT_EQ(reason_with("tags", "[[\"t\",null]]"), error);
  EXPECT_EQ(reason_with("tags", "[[\"t\",[\"x\"]]]"), error);
  EXPECT_EQ(reason_with("tags", "[[\"t\",{}]]"), error);
  EXPECT_EQ(reason_with("tags", "[[true]]"), error);
}

TEST(Event, RejectsContentThatIsNotAString) {
  const std::string error = "field content: expected a string";
  EXPECT_EQ(reason_with("content", "1"), error);
  EXPECT_EQ(reason_with("content", "[]"), error);
  EXPECT_EQ(reason_with("content", "{}"), error);
  EXPECT_EQ(reason_with("content", "false"), error);
}

TEST(Event, RejectsInvalidUtf8AndLoneSurrogatesAsMalformedJson) {
  std::string json = signed_note("MARK").to_json();
  const std::size_t mark = json.find("MARK");
  const std::string at_mark = "malformed JSON at byte " + std::to_string(mark) + ": ";
  EXPECT_TRUE(reason_of(std::string(json).replace(mark, 4, "\xff\xfe")).starts_with(at_mark));
  EXPECT_TRUE(reason_of(std::string(json).replace(mark, 4, "\xed\xa0\x80")).starts_with(at_mark));
  EXPECT_TRUE(reason_of(std::string(json).replace(mark, 4, "\xc0\x80")).starts_with(at_mark));
  EXPECT_TRUE(reason_of(std::string(json).replace(mark, 4, "\x01raw control")).starts_with(at_mark));
  for (const char* surrogate : {"\\ud800", "\\udc00"}) {
    const std::string reason = reason_of(std::string(json).replace(mark, 4, surrogate));
    EXPECT_TRUE(reason.starts_with("malformed JSON at byte ")) << reason;
  }
}

// --- authenticity -------------------------------------------------------------------

TEST(Event, ReportsIdMismatchWhenContentChanged) {
  auto object = wire_object(signed_note());
  object["content"] = "edited after signing";
  const auto parsed = Event::parse(boost::json::serialize(object));
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->check(), "id mismatch");
  EXPECT_FALSE(parsed->verify());
}

TEST(Event, ReportsIdMismatchWhenAnyHashedFieldChanged) {
  const std::vector<std::pair<std::string, std::string>> changes = {
      {"created_at", "1700000001"},
      {"kind", "2"},
      {"tags", "[]"},
      {"pubkey", '"' + std::string(64, 'a') + '"'}};
  for (const auto& [field, json_value] : changes) {
    auto object = wire_object(signed_note());
    object[field] = boost::json::parse(json_value);
    const auto parsed = Event::parse(boost::json::serialize(object));
    ASSERT_TRUE(parsed.ok()) << field;
    EXPECT_EQ(parsed->check(), "id mismatch") << field;
  }
}

TEST(Event, ReportsInvalidSignatureWhenSigCorrupted) {
  const Event event = signed_note();
  auto sig = event.sig();
  sig[10] ^= 0x01;
  const auto tampered = Event::from_fields(event.id(), event.pubkey(), sig, event.created_at(), event.kind(),
                                           event.tags(), event.content());
  ASSERT_TRUE(tampered.ok());
  EXPECT_EQ(tampered->check(), "invalid signature");
}

TEST(Event, ReportsInvalidSignatureForSignatureOfAnotherEvent) {
  const Event mine = signed_note("mine");
  const Event other = signed_note("other");
  const auto swapped = Event::from_fields(mine.id(), mine.pubkey(), other.sig(), mine.created_at(),
                                          mine.kind(), mine.tags(), mine.content());
  ASSERT_TRUE(swapped.ok());
  EXPECT_EQ(swapped->check(), "invalid signature");
}

TEST(Event, ReportsInvalidSignatureWhenSignedByAnotherKey) {
  // Same fields and a valid signature, but by another key than the claimed pubkey.
  const Event by_other = Event::sign(1700000000, 1, {}, "x", secret_key(9));
  const Event by_me = Event::sign(1700000000, 1, {}, "x", secret_key(7));
  const auto forged = Event::from_fields(by_me.id(), by_me.pubkey(), by_other.sig(), 1700000000, 1, {}, "x");
  ASSERT_TRUE(forged.ok());
  EXPECT_EQ(forged->check(), "invalid signature");
}

// --- signing and big or unusual events ----------------------------------------------

TEST(Event, SignDerivesPubkeyAndVerifies) {
  const Event event = signed_note();
  EXPECT_EQ(event.pubkey(), derive_public_key(secret_key(7)));
  EXPECT_EQ(event.id(), event.compute_id());
  EXPECT_TRUE(event.verify());
  EXPECT_EQ(event.created_at(), 1700000000);
  EXPECT_EQ(event.kind(), 1);
  EXPECT_EQ(event.content(), "hello nostr");
}

TEST(Event, SignRejectsProgrammingErrors) {
  EXPECT_THROW(Event::sign(1, 1, {}, "", SecretKey{}), std::invalid_argument);
  EXPECT_THROW(Event::sign(-1, 1, {}, "", secret_key(7)), std::invalid_argument);
  EXPECT_THROW(Event::sign(1, 1, {}, "\xff", secret_key(7)), std::invalid_argument);
  EXPECT_THROW(Event::sign(1, 1, {{"t", "\xc3"}}, "", secret_key(7)), std::invalid_argument);
}

TEST(Event, FromFieldsRejectsNegativeCreatedAtAndInvalidUtf8) {
  EXPECT_FALSE(Event::from_fields({}, {}, {}, -1, 1, {}, "").ok());
  EXPECT_EQ(Event::from_fields({}, {}, {}, 1, 1, {}, "\x80").reason(), "field content: invalid UTF-8");
  EXPECT_EQ(Event::from_fields({}, {}, {}, 1, 1, {{"\x80"}}, "").reason(), "field tags: invalid UTF-8");
}

void expect_round_trip(const Event& event) {
  const auto parsed = Event::parse(event.to_json());
  ASSERT_TRUE(parsed.ok()) << parsed.reason();
  EXPECT_EQ(*parsed, event);
  EXPECT_EQ(parsed->check(), std::nullopt);
}

TEST(Event, RoundTripsUnicodeAndControlCharacters) {
  std::string controls;
  for (char c = 0; c < 0x20; ++c) controls.push_back(c);
  for (const std::string& content :
       {""s, "\0"s, "a\0b"s, controls, "\n\"\\\r\t\b\f"s, "\x7f"s, "\u2028\u2029"s,
        "😀👨‍👩‍👧🇮🇹𝄞"s, "\U0010FFFF\uFFFF\uFEFF"s, "\\u0000 \\\" \\\\"s, "e\u0301"s}) {
    expect_round_trip(signed_note(content, {{"t", content}, {content}}));
  }
}

TEST(Event, RoundTripsExtremeFields) {
  expect_round_trip(Event::sign(0, 0, {}, "", secret_key(3)));
  expect_round_trip(Event::sign(std::int64_t{1} << 62, 65535, {{}}, "x", secret_key(3)));
  expect_round_trip(Event::sign(9223372036854775807, 30166, {{""}, {"", ""}}, "", secret_key(3)));
}

TEST(Event, HandlesMegabyteContent) {
  std::string content(1 << 20, 'x');
  for (std::size_t i = 0; i < content.size(); i += 997) content[i] = '\n';
  const Event event = signed_note(content);
  expect_round_trip(event);
  // A second, small event after the huge one still parses (scratch memory recovered).
  expect_round_trip(signed_note("small"));
}

TEST(Event, Handles2000Tags) {
  EventTags tags;
  for (int i = 0; i < 2000; ++i) tags.push_back({"p", std::string(64, 'a'), "wss://relay.example.com", "x"});
  const Event event = signed_note("many tags", tags);
  expect_round_trip(event);
  EXPECT_EQ(event.tag_values("p").size(), 2000U);
}

// --- tags -----------------------------------------------------------------------------

TEST(Event, FindsTagValuesByName) {
  const Event event =
      signed_note("", {{"d"}, {"r", "wss://a"}, {"e", "x"}, {"r", "wss://b", "read"}, {}, {"R", "c"}});
  EXPECT_EQ(event.first_tag_value("r"), "wss://a");
  EXPECT_EQ(event.first_tag_value("d"), std::nullopt);  // a tag without a value has none
  EXPECT_EQ(event.first_tag_value("p"), std::nullopt);
  EXPECT_EQ(event.tag_values("r"), (std::vector<std::string_view>{"wss://a", "wss://b"}));
  EXPECT_TRUE(event.tag_values("z").empty());
}

// --- cross-implementation and concurrency ---------------------------------------------

std::vector<std::string> fixture_lines() {
  std::ifstream file(BIGBROTR_SOURCE_DIR "/tests/fixtures/nostr_tools_events.ndjson");
  std::vector<std::string> lines;
  for (std::string line; std::getline(file, line);) lines.push_back(line);
  return lines;
}

TEST(Event, VerifiesEveryEventSignedByNostrTools) {
  const auto lines = fixture_lines();
  ASSERT_GE(lines.size(), 40U) << "missing tests/fixtures/nostr_tools_events.ndjson";
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto parsed = Event::parse(lines[i]);
    ASSERT_TRUE(parsed.ok()) << "line " << i + 1 << ": " << parsed.reason();
    EXPECT_EQ(parsed->check(), std::nullopt) << "line " << i + 1;
    const auto reparsed = Event::parse(parsed->to_json());
    ASSERT_TRUE(reparsed.ok()) << "line " << i + 1;
    EXPECT_EQ(*reparsed, *parsed) << "line " << i + 1;
  }
}

TEST(Event, ParsesAndVerifiesFromManyThreads) {
  const auto lines = fixture_lines();
  std::vector<int> failures(4, 0);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < failures.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 3; ++round) {
        for (const auto& line : lines) {
          const auto parsed = Event::parse(line);
          if (!parsed.ok() || !parsed->verify()) ++failures[t];
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int count : failures) EXPECT_EQ(count, 0);
}

}  // namespace
}  // namespace bigbrotr::models
