#pragma once

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <filesystem>
#include <string>

#include "integration/pipeline/pipeline_relays.hpp"
#include "integration/runtime/runtime_test_support.hpp"

// The deployment a pipeline run uses, written into a temp folder: a config folder shaped
// like deployments/bigbrotr/config (only the files and keys that differ from the
// defaults) and a seed file naming the live relays among garbage. Nothing leaves the
// machine: no public relay lists, no GeoLite download, no clearnet-only check, and every
// service reaches the loopback relays with a timeout short enough for a test.
namespace bigbrotr::testing {

// No public relay lists: the finder reads only the tags of the archive.
inline std::string finder_yaml() { return "api:\n  enabled: false\n"; }

inline std::string validator_yaml() { return "networks:\n  local: {enabled: true, timeout: 5.0}\n"; }

// Checks NIP-11, RTT and HTTP (the checks a loopback relay allows) and publishes only the
// kind 30166 discovery events, to `publish_url`.
inline std::string monitor_yaml(const std::string& publish_url) {
  const std::string clearnet_only =
      "{nip66_ssl: false, nip66_geo: false, nip66_net: false, nip66_dns: false}";
  std::string yaml = "networks:\n  local: {enabled: true, timeout: 5.0}\n";
  yaml += "processing:\n  compute: " + clearnet_only + "\n  store: " + clearnet_only + "\n";
  yaml += "geo: {city_download_url: null, asn_download_url: null}\n";
  yaml += "publishing:\n  relays: [\"" + publish_url + "\"]\n";
  yaml += "discovery:\n  enabled: true\n  include: " + clearnet_only + "\n";
  yaml += "announcement: {enabled: false}\nprofile: {enabled: false}\nrelay_list: {enabled: false}\n";
  return yaml;
}

// Archives everything up to `until` (the data's last second, no end lag), so the window
// covers the generated events and nothing the run publishes itself.
inline std::string synchronizer_yaml(std::int64_t until) {
  std::string yaml = "networks:\n  local: {enabled: true, timeout: 5.0}\n";
  yaml += "processing:\n  until: " + std::to_string(until) + "\n  end_lag: 0\n";
  yaml += "timeouts:\n  idle: 30\n  max_duration: 60\n";
  return yaml;
}

// The live relays, each once or more, among lines the seeder must drop or the validator
// must reject: comments, blank lines, duplicates (also in another spelling), http://
// URLs, malformed URLs, a dead loopback port and a web server that is no relay.
inline std::string seed_file_text(const PipelineRelays& relays) {
  std::string shouted = relays.plain_url();
  std::ranges::transform(shouted, shouted.begin(), [](unsigned char c) { return std::toupper(c); });
  std::string http = relays.plain_url();
  http.replace(0, 2, "http");
  std::string text = "# pipeline test seeds\n";
  for (const auto& url :
       {relays.plain_url(), relays.capped_url(), "   " + relays.hostile_url() + "   ", relays.npm_url(),
        std::string(), relays.plain_url(), shouted, http, std::string("not a relay"), std::string("wss://"),
        std::string("ws://[::1"), relays.dead_url(), relays.web_page_url()}) {
    text += url + "\n";
  }
  return text;
}

// Writes config/ and seeds.txt into `folder`; returns the config folder.
inline std::filesystem::path write_deployment(const TempFolder& folder, const PipelineRelays& relays,
                                              const std::string& publish_url) {
  folder.write("config/services/finder.yaml", finder_yaml());
  folder.write("config/services/validator.yaml", validator_yaml());
  folder.write("config/services/monitor.yaml", monitor_yaml(publish_url));
  folder.write("config/services/synchronizer.yaml", synchronizer_yaml(relays.data().until));
  folder.write("seeds.txt", seed_file_text(relays));
  return folder.path() / "config";
}

}  // namespace bigbrotr::testing
