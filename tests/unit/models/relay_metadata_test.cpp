#include "models/relay_metadata.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace bigbrotr::models {
namespace {

TEST(RelayMetadata, LinksARelayToADocumentAtATime) {
  auto metadata = Metadata::create(MetadataType::nip66_rtt, boost::json::parse(R"({"data":{"rtt_open":12}})"));
  ASSERT_TRUE(metadata.ok());
  auto record = RelayMetadata::create(Relay::parse("wss://relay.example.com").value(), *metadata, 1700000000);
  ASSERT_TRUE(record.ok());
  EXPECT_EQ(record->generated_at(), 1700000000);
  EXPECT_EQ(record->metadata().type(), MetadataType::nip66_rtt);
}

TEST(RelayMetadata, RejectsNegativeTime) {
  auto metadata = Metadata::create(MetadataType::nip66_rtt, boost::json::object{});
  ASSERT_TRUE(metadata.ok());
  EXPECT_FALSE(RelayMetadata::create(Relay::parse("wss://relay.example.com").value(), *metadata, -5).ok());
}

}  // namespace
}  // namespace bigbrotr::models
