#include "models/enums.hpp"

#include <gtest/gtest.h>

namespace bigbrotr::models {
namespace {

TEST(Enums, EveryNameRoundTrips) {
  for (const NetworkType value : all_network_types()) EXPECT_EQ(parse_network_type(to_string(value)), value);
  for (const MetadataType value : all_metadata_types()) EXPECT_EQ(parse_metadata_type(to_string(value)), value);
  for (const ServiceName value : all_service_names()) EXPECT_EQ(parse_service_name(to_string(value)), value);
  for (const auto value : {ServiceStateType::candidate, ServiceStateType::cursor, ServiceStateType::checkpoint}) {
    EXPECT_EQ(parse_service_state_type(to_string(value)), value);
  }
}

TEST(Enums, SpellingsMatchTheStoredVocabulary) {
  EXPECT_EQ(to_string(NetworkType::clearnet), "clearnet");
  EXPECT_EQ(to_string(MetadataType::nip66_http), "nip66_http");
  EXPECT_EQ(to_string(ServiceName::synchronizer), "synchronizer");
  EXPECT_EQ(all_metadata_types().size(), 7u);
}

TEST(Enums, UnknownNamesDoNotParse) {
  EXPECT_FALSE(parse_network_type("Clearnet").has_value());
  EXPECT_FALSE(parse_metadata_type("").has_value());
  EXPECT_FALSE(parse_service_name("seed").has_value());
}

TEST(Enums, OverlayNetworksAreTorI2pLoki) {
  EXPECT_TRUE(is_overlay(NetworkType::tor));
  EXPECT_TRUE(is_overlay(NetworkType::i2p));
  EXPECT_TRUE(is_overlay(NetworkType::loki));
  EXPECT_FALSE(is_overlay(NetworkType::clearnet));
  EXPECT_FALSE(is_overlay(NetworkType::local));
}

TEST(Enums, EventKindsHaveTheirNostrNumbers) {
  EXPECT_EQ(static_cast<int>(EventKind::relay_discovery), 30166);
  EXPECT_EQ(static_cast<int>(EventKind::monitor_announcement), 10166);
  EXPECT_EQ(static_cast<int>(EventKind::nip66_test), 22456);
}

}  // namespace
}  // namespace bigbrotr::models
