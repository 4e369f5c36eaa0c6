// Our NIP-66 events must verify in nostr-tools (tests/peers/verify_events.mjs), the
// reference client. Requires Node and `cd tests/peers && npm ci`; fails without them.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "nips/events/monitor_events.hpp"
#include "nips/events/relay_discovery_event.hpp"
#include "nips/nip11/nip11_response.hpp"
#include "support/nostr_tools_verdicts.hpp"
#include "utils/keys.hpp"

namespace bigbrotr::nips {
namespace {

using testing::nostr_tools_verdicts;

TEST(Nip66EventsNostrTools, AcceptsEveryBuiltEvent) {
  ASSERT_TRUE(testing::nostr_tools_installed()) << "nostr-tools is not installed: run `cd tests/peers && npm ci`";
  const auto keys = utils::Keys::generate();
  const auto relay = models::Relay::parse("wss://relay.example.com/path").value();
  RelayChecks checks;
  checks.nip11 = nip11_check_result(parse_nip11(
      R"({"name": "ünïcode \"relay\"\n", "supported_nips": [1, 11], "language_tags": ["en"], "tags": ["x"]})"));
  checks.geo = CheckResult::success({{"geo_lat", 52.52}, {"geo_lon", -0.000123}, {"geo_city", "Zürich"}});
  checks.dns = CheckResult::success({{"dns_ips", boost::json::array{"1.1.1.1"}}, {"dns_ttl", 60}});

  AnnouncementConfig announcement;
  announcement.networks = {models::NetworkType::clearnet};
  announcement.checks = AnnouncedChecks{true, true, true, true, true, true, true};
  ProfileConfig profile{"BigBrotr Monitor", "Nostr relay monitoring service", {}, {}, {}, {}, {}};

  std::vector<models::Event> events;
  events.push_back(build_relay_discovery(relay, checks, 1700000000, keys.secret_key()).value());
  events.push_back(build_relay_discovery(relay, {}, 1700000001, keys.secret_key()).value());
  events.push_back(build_monitor_announcement(announcement, 1700000002, keys.secret_key()));
  events.push_back(build_profile(profile, 1700000003, keys.secret_key()));
  events.push_back(build_relay_list({relay}, 1700000004, keys.secret_key()));
  std::string ndjson;
  for (const auto& event : events) ndjson += event.to_json() + "\n";
  const auto verdicts = nostr_tools_verdicts(ndjson);
  ASSERT_EQ(verdicts.size(), events.size()) << "is `node` on PATH?";
  for (std::size_t i = 0; i < verdicts.size(); ++i) EXPECT_EQ(verdicts[i], "ok") << events[i].to_json();
}

}  // namespace
}  // namespace bigbrotr::nips
