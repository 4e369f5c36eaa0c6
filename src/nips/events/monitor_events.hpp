#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/enums.hpp"
#include "models/event.hpp"
#include "models/relay.hpp"
#include "models/schnorr.hpp"

// The monitor's own events (services.md §4.1): kind 10166 announcement, kind 0 profile,
// kind 10002 relay list. Built from config values; each builder signs with the given
// key (valid by construction: Event::sign throws otherwise).
namespace bigbrotr::nips {

// Which checks the announcement declares (announcement.include).
struct AnnouncedChecks {
  bool nip11 = false;
  bool rtt = false;
  bool ssl = false;
  bool geo = false;
  bool net = false;
  bool dns = false;
  bool http = false;
};

struct AnnouncementConfig {
  // discovery.interval, seconds.
  std::int64_t frequency = 14400;
  // Timeout of the first enabled network, in milliseconds (one value for every check).
  std::int64_t timeout_ms = 10000;
  // Enabled networks, in the order the tags list them.
  std::vector<models::NetworkType> networks;
  std::optional<std::string> geohash;
  AnnouncedChecks checks;
};

// ["frequency", f], ["g", hash]?, ["n", net]…, then for RTT ["timeout", phase, ms] +
// ["c", phase] per open/read/write, then the same pair for nip11, ssl, geo, net, dns,
// http in that order when declared.
models::EventTags monitor_announcement_tags(const AnnouncementConfig& config);
models::Event build_monitor_announcement(const AnnouncementConfig& config, std::int64_t created_at,
                                         const models::SecretKey& secret_key);

// profile.*: empty or absent values are left out.
struct ProfileConfig {
  std::optional<std::string> name;
  std::optional<std::string> about;
  std::optional<std::string> picture;
  std::optional<std::string> nip05;
  std::optional<std::string> website;
  std::optional<std::string> banner;
  std::optional<std::string> lud16;
};

// A JSON object of the non-empty values, keys in the order name, about, picture, nip05,
// website, banner, lud16.
std::string profile_content(const ProfileConfig& profile);
models::Event build_profile(const ProfileConfig& profile, std::int64_t created_at,
                            const models::SecretKey& secret_key);

// ["r", url, "write"] per relay, in the given order; content "".
models::EventTags relay_list_tags(const std::vector<models::Relay>& relays);
models::Event build_relay_list(const std::vector<models::Relay>& relays, std::int64_t created_at,
                               const models::SecretKey& secret_key);

}  // namespace bigbrotr::nips
