#include "nips/nip11/nip11_parse.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "models/canonical_json.hpp"

namespace bigbrotr::nips {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr const char* kFullDocument = R"({
  "name": "relay", "description": "d", "banner": "https://b", "icon": "https://i",
  "pubkey": "aa", "self": "bb", "contact": "mailto:x", "software": "https://s", "version": "1.2",
  "privacy_policy": "https://p", "terms_of_service": "https://t", "posting_policy": "https://pp",
  "payments_url": "https://pay",
  "supported_nips": [11, 1, 50, 1, 9],
  "relay_countries": ["US", "CA"], "language_tags": ["en", "pt-BR"], "tags": ["sfw"],
  "attributes": ["Free"],
  "limitation": {"max_message_length": 16384, "max_subscriptions": 20, "max_limit": 500,
    "max_subid_length": 64, "max_event_tags": 100, "max_content_length": 8196,
    "min_pow_difficulty": 8, "created_at_lower_limit": 1, "created_at_upper_limit": 2,
    "default_limit": 100, "auth_required": false, "payment_required": true, "restricted_writes": true},
  "retention": [{"kinds": [0, 1, [5, 7]], "time": 3600}, {"count": 10}],
  "fees": {"admission": [{"amount": 1000, "unit": "msats"}],
           "subscription": [{"amount": 5000, "unit": "msats", "period": 2592000}],
           "publication": [{"kinds": [4], "amount": 100, "unit": "msats"}]},
  "unknown": {"x": 1}
})";

TEST(Nip11Parse, ReadsEveryField) {
  auto parsed = parse_nip11(kFullDocument);
  ASSERT_TRUE(parsed.ok()) << parsed.reason();
  const Nip11Document& doc = parsed->document;
  EXPECT_THAT(parsed->dropped_fields, IsEmpty());
  EXPECT_EQ(doc.name, "relay");
  EXPECT_EQ(doc.self_pubkey, "bb");
  EXPECT_EQ(doc.payments_url, "https://pay");
  EXPECT_EQ(doc.posting_policy, "https://pp");
  EXPECT_THAT(doc.supported_nips, ElementsAre(1, 9, 11, 50));
  EXPECT_THAT(doc.relay_countries, ElementsAre("US", "CA"));
  EXPECT_THAT(doc.language_tags, ElementsAre("en", "pt-BR"));
  EXPECT_EQ(doc.limitation.max_message_length, 16384);
  EXPECT_EQ(doc.limitation.default_limit, 100);
  EXPECT_EQ(doc.limitation.auth_required, false);
  EXPECT_EQ(doc.limitation.restricted_writes, true);
  ASSERT_EQ(doc.retention.size(), 2u);
  ASSERT_EQ(doc.retention[0].kinds.size(), 3u);
  EXPECT_EQ(doc.retention[0].kinds[2].first, 5);
  EXPECT_EQ(doc.retention[0].kinds[2].last, 7);
  EXPECT_EQ(doc.retention[1].count, 10);
  ASSERT_EQ(doc.fees.subscription.size(), 1u);
  EXPECT_EQ(doc.fees.subscription[0].period, 2592000);
  EXPECT_THAT(doc.fees.publication[0].kinds, ElementsAre(4));
}

TEST(Nip11Parse, StoredFormUsesTheNipKeyNamesAndDropsUnknownKeys) {
  auto parsed = parse_nip11(kFullDocument);
  ASSERT_TRUE(parsed.ok());
  const std::string json = models::to_canonical_json(*models::sanitize_json(parsed->document.to_json()));
  EXPECT_NE(json.find(R"("self":"bb")"), std::string::npos);
  EXPECT_NE(json.find(R"("kinds":[0,1,[5,7]])"), std::string::npos);
  EXPECT_EQ(json.find("unknown"), std::string::npos);
}

TEST(Nip11Parse, DropsAndCountsWrongTypes) {
  auto parsed = parse_nip11(R"({"name": 5, "description": null, "supported_nips": [1, "2", true, 1.0, 3e0, 4],
    "tags": ["a", 1], "limitation": {"max_limit": "10", "auth_required": 1, "min_pow_difficulty": 2.0},
    "icon": ["x"]})");
  ASSERT_TRUE(parsed.ok());
  EXPECT_THAT(parsed->dropped_fields,
              ElementsAre("name", "description", "icon", "supported_nips[1]", "supported_nips[2]",
                          "supported_nips[3]", "supported_nips[4]", "tags[1]", "limitation.max_limit",
                          "limitation.min_pow_difficulty", "limitation.auth_required"));
  EXPECT_FALSE(parsed->document.name);
  EXPECT_THAT(parsed->document.supported_nips, ElementsAre(1, 4));
  EXPECT_THAT(parsed->document.tags, ElementsAre("a"));
  EXPECT_FALSE(parsed->document.limitation.max_limit);
}

TEST(Nip11Parse, BooleanIsNeverAnInteger) {
  auto parsed = parse_nip11(R"({"limitation": {"max_limit": true}, "supported_nips": [false]})");
  ASSERT_TRUE(parsed.ok());
  EXPECT_FALSE(parsed->document.limitation.max_limit);
  EXPECT_THAT(parsed->document.supported_nips, IsEmpty());
  EXPECT_EQ(parsed->dropped_fields.size(), 2u);
}

TEST(Nip11Parse, StringListWithNothingLeftVanishes) {
  auto parsed = parse_nip11(R"({"relay_countries": [1, 2], "attributes": "Free"})");
  ASSERT_TRUE(parsed.ok());
  EXPECT_THAT(parsed->document.relay_countries, IsEmpty());
  EXPECT_FALSE(parsed->document.to_json().contains("relay_countries"));
  EXPECT_THAT(parsed->dropped_fields, ElementsAre("relay_countries[0]", "relay_countries[1]", "attributes"));
}

TEST(Nip11Parse, WrongContainerTypesAreDropped) {
  auto parsed = parse_nip11(R"({"limitation": [], "retention": {}, "fees": "free", "supported_nips": 1})");
  ASSERT_TRUE(parsed.ok());
  EXPECT_THAT(parsed->dropped_fields, ElementsAre("supported_nips", "limitation", "retention", "fees"));
}

TEST(Nip11Parse, RetentionAndFeeEntriesAreCheckedItemByItem) {
  auto parsed = parse_nip11(R"({"retention": [1, {}, {"kinds": [[1], [1, 2, 3], ["a", 1], 7], "time": null},
    {"time": "x"}], "fees": {"admission": [{"amount": "1"}, {"unit": 5, "amount": 2}, "x"], "other": []}})");
  ASSERT_TRUE(parsed.ok());
  const auto& doc = parsed->document;
  ASSERT_EQ(doc.retention.size(), 1u);
  ASSERT_EQ(doc.retention[0].kinds.size(), 1u);
  EXPECT_EQ(doc.retention[0].kinds[0].first, 7);
  ASSERT_EQ(doc.fees.admission.size(), 1u);
  EXPECT_EQ(doc.fees.admission[0].amount, 2);
  EXPECT_THAT(parsed->dropped_fields,
              ElementsAre("retention[0]", "retention[2].kinds[0]", "retention[2].kinds[1]",
                          "retention[2].kinds[2]", "retention[2].time", "retention[3].time",
                          "fees.admission[0].amount", "fees.admission[1].unit", "fees.admission[2]"));
}

TEST(Nip11Parse, IntegersOutsideInt64AreDropped) {
  auto parsed =
      parse_nip11(R"({"limitation": {"max_limit": 18446744073709551615, "max_subscriptions": -5}})");
  ASSERT_TRUE(parsed.ok());
  EXPECT_FALSE(parsed->document.limitation.max_limit);
  EXPECT_EQ(parsed->document.limitation.max_subscriptions, -5);
}

TEST(Nip11Parse, RejectsNonObjectsWithPythonTypeNames) {
  EXPECT_EQ(parse_nip11("[]").reason(), "Expected dict, got list");
  EXPECT_EQ(parse_nip11("\"x\"").reason(), "Expected dict, got str");
  EXPECT_EQ(parse_nip11("1").reason(), "Expected dict, got int");
  EXPECT_EQ(parse_nip11("1.5").reason(), "Expected dict, got float");
  EXPECT_EQ(parse_nip11("true").reason(), "Expected dict, got bool");
  EXPECT_EQ(parse_nip11("null").reason(), "Expected dict, got NoneType");
}

TEST(Nip11Parse, RejectsInvalidJson) {
  for (const char* body : {"", "{", "{\"name\": }", "{} x", "\xff", "{\"a\":1,}"}) {
    auto parsed = parse_nip11(body);
    ASSERT_FALSE(parsed.ok()) << body;
    EXPECT_TRUE(parsed.reason().starts_with("invalid JSON: ")) << parsed.reason();
  }
}

TEST(Nip11Parse, SurvivesDeepNestingWithinTheLimit) {
  std::string deep = R"({"unknown": )" + std::string(900, '[') + std::string(900, ']') + R"(, "name": "n"})";
  auto parsed = parse_nip11(deep);
  ASSERT_TRUE(parsed.ok()) << parsed.reason();
  EXPECT_EQ(parsed->document.name, "n");
}

TEST(Nip11Parse, RejectsNestingBeyondTheLimit) {
  const std::string deep = "{\"a\":" + std::string(5000, '[') + std::string(5000, ']') + "}";
  auto parsed = parse_nip11(deep);
  ASSERT_FALSE(parsed.ok());
  EXPECT_TRUE(parsed.reason().starts_with("invalid JSON: "));
}

TEST(Nip11Parse, HandlesHugeArrays) {
  std::string body = R"({"supported_nips": [)";
  for (int i = 0; i < 100000; ++i) body += std::to_string(i % 100) + ",";
  body += R"("x"], "tags": [)";
  for (int i = 0; i < 50000; ++i) body += "1,";
  body += "\"t\"]}";
  auto parsed = parse_nip11(body);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->document.supported_nips.size(), 100u);
  EXPECT_THAT(parsed->document.tags, ElementsAre("t"));
  EXPECT_EQ(parsed->dropped_fields.size(), 50001u);
}

}  // namespace
}  // namespace bigbrotr::nips
