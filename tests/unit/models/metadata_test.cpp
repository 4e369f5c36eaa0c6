#include "models/metadata.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "models/hex.hpp"

namespace bigbrotr::models {
namespace {

TEST(Metadata, SameContentInAnyKeyOrderSharesOneId) {
  auto a = Metadata::create(MetadataType::nip11_info, boost::json::parse(R"({"b":2,"a":1})"));
  auto b = Metadata::create(MetadataType::nip11_info, boost::json::parse(R"({"a":1,"b":2})"));
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(a->canonical_json(), R"({"a":1,"b":2})");
  EXPECT_EQ(a->id(), b->id());
  EXPECT_EQ(*a, *b);
}

TEST(Metadata, IdIsSha256OfTheCanonicalText) {
  auto metadata = Metadata::create(MetadataType::nip66_rtt, boost::json::parse(R"({"a":1,"b":2})"));
  ASSERT_TRUE(metadata.ok());
  // sha256('{"a":1,"b":2}')
  EXPECT_EQ(to_hex(metadata->id()), "43258cff783fe7036d8a43033f830adfc60ec037382473548ac742b888292777");
}

TEST(Metadata, TypeIsNotHashedButDistinguishesValues) {
  auto rtt = Metadata::create(MetadataType::nip66_rtt, boost::json::parse(R"({"x":1})"));
  auto ssl = Metadata::create(MetadataType::nip66_ssl, boost::json::parse(R"({"x":1})"));
  ASSERT_TRUE(rtt.ok());
  ASSERT_TRUE(ssl.ok());
  EXPECT_EQ(rtt->id(), ssl->id());
  EXPECT_FALSE(*rtt == *ssl);
}

TEST(Metadata, FailedCheckKeepsOnlyItsLogs) {
  auto metadata = Metadata::create(
      MetadataType::nip66_dns,
      boost::json::parse(R"({"data": {}, "logs": {"success": false, "reason": "no DNS records found"}})"));
  ASSERT_TRUE(metadata.ok());
  EXPECT_EQ(metadata->canonical_json(), R"({"logs":{"reason":"no DNS records found","success":false}})");
}

TEST(Metadata, RejectsNul) {
  EXPECT_FALSE(Metadata::create(MetadataType::nip11_info, boost::json::parse(R"({"name":"a\u0000"})")).ok());
}

}  // namespace
}  // namespace bigbrotr::models
