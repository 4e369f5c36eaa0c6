#include "nips/events/monitor_events.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <array>
#include <utility>

namespace bigbrotr::nips {

models::EventTags monitor_announcement_tags(const AnnouncementConfig& config) {
  models::EventTags tags;
  tags.push_back({"frequency", std::to_string(config.frequency)});
  if (config.geohash && !config.geohash->empty()) tags.push_back({"g", *config.geohash});
  for (auto network : config.networks) tags.push_back({"n", std::string(models::to_string(network))});
  const std::string ms = std::to_string(config.timeout_ms);
  const auto declare = [&](const char* name) {
    tags.push_back({"timeout", name, ms});
    tags.push_back({"c", name});
  };
  if (config.checks.rtt) {
    for (const char* phase : {"open", "read", "write"}) declare(phase);
  }
  const AnnouncedChecks& c = config.checks;
  const std::array<std::pair<const char*, bool>, 6> others{
      {{"nip11", c.nip11}, {"ssl", c.ssl}, {"geo", c.geo}, {"net", c.net}, {"dns", c.dns}, {"http", c.http}}};
  for (const auto& [name, declared] : others)
    if (declared) declare(name);
  return tags;
}

models::Event build_monitor_announcement(const AnnouncementConfig& config, std::int64_t created_at,
                                         const models::SecretKey& secret_key) {
  return models::Event::sign(created_at, static_cast<std::uint16_t>(models::EventKind::monitor_announcement),
                             monitor_announcement_tags(config), "", secret_key);
}

std::string profile_content(const ProfileConfig& profile) {
  boost::json::object content;
  const std::array<std::pair<const char*, const std::optional<std::string>*>, 7> fields{{
      {"name", &profile.name},
      {"about", &profile.about},
      {"picture", &profile.picture},
      {"nip05", &profile.nip05},
      {"website", &profile.website},
      {"banner", &profile.banner},
      {"lud16", &profile.lud16},
  }};
  for (const auto& [key, value] : fields)
    if (*value && !(*value)->empty()) content[key] = **value;
  return boost::json::serialize(content);
}

models::Event build_profile(const ProfileConfig& profile, std::int64_t created_at,
                            const models::SecretKey& secret_key) {
  return models::Event::sign(created_at, static_cast<std::uint16_t>(models::EventKind::set_metadata), {},
                             profile_content(profile), secret_key);
}

models::EventTags relay_list_tags(const std::vector<models::Relay>& relays) {
  models::EventTags tags;
  for (const auto& relay : relays) tags.push_back({"r", relay.url(), "write"});
  return tags;
}

models::Event build_relay_list(const std::vector<models::Relay>& relays, std::int64_t created_at,
                               const models::SecretKey& secret_key) {
  return models::Event::sign(created_at, static_cast<std::uint16_t>(models::EventKind::relay_list),
                             relay_list_tags(relays), "", secret_key);
}

}  // namespace bigbrotr::nips
