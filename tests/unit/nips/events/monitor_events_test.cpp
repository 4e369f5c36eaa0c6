#include "nips/events/monitor_events.hpp"

#include <gtest/gtest.h>

namespace bigbrotr::nips {
namespace {

using Tags = models::EventTags;

TEST(MonitorAnnouncement, ListsFrequencyNetworksAndChecksInOrder) {
  AnnouncementConfig config;
  config.frequency = 3600;
  config.timeout_ms = 10000;
  config.networks = {models::NetworkType::clearnet, models::NetworkType::tor};
  config.geohash = "u33dc0cpp";
  config.checks = AnnouncedChecks{true, true, true, false, true, true, false};
  const Tags expected = {
      {"frequency", "3600"},
      {"g", "u33dc0cpp"},
      {"n", "clearnet"},
      {"n", "tor"},
      {"timeout", "open", "10000"},
      {"c", "open"},
      {"timeout", "read", "10000"},
      {"c", "read"},
      {"timeout", "write", "10000"},
      {"c", "write"},
      {"timeout", "nip11", "10000"},
      {"c", "nip11"},
      {"timeout", "ssl", "10000"},
      {"c", "ssl"},
      {"timeout", "net", "10000"},
      {"c", "net"},
      {"timeout", "dns", "10000"},
      {"c", "dns"},
  };
  EXPECT_EQ(monitor_announcement_tags(config), expected);
}

TEST(MonitorAnnouncement, MinimalConfig) {
  AnnouncementConfig config;
  config.frequency = 14400;
  EXPECT_EQ(monitor_announcement_tags(config), (Tags{{"frequency", "14400"}}));
}

TEST(Profile, KeepsNonEmptyValuesInOrder) {
  ProfileConfig profile;
  profile.name = "BigBrotr Monitor";
  profile.about = "Nostr relay monitoring service";
  profile.picture = "";
  profile.lud16 = "me@example.com";
  profile.nip05 = "m@example.com";
  EXPECT_EQ(profile_content(profile),
            R"({"name":"BigBrotr Monitor","about":"Nostr relay monitoring service","nip05":"m@example.com",)"
            R"("lud16":"me@example.com"})");
  EXPECT_EQ(profile_content({}), "{}");
}

TEST(RelayList, OneWriteTagPerRelay) {
  std::vector<models::Relay> relays{models::Relay::parse("wss://nos.lol").value(),
                                    models::Relay::parse("wss://relay.damus.io").value()};
  EXPECT_EQ(relay_list_tags(relays),
            (Tags{{"r", "wss://nos.lol", "write"}, {"r", "wss://relay.damus.io", "write"}}));
}

}  // namespace
}  // namespace bigbrotr::nips
