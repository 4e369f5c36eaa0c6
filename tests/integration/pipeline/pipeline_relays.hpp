#pragma once

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "integration/pipeline/pipeline_data.hpp"
#include "models/relay.hpp"
#include "support/fixture_relay_process.hpp"
#include "support/free_loopback_port.hpp"
#include "support/npm_relay_process.hpp"
#include "support/publish_events.hpp"

// The relays the pipeline runs against, all on 127.0.0.1, started once per suite and
// shared by both backends: a run only reads them (the monitor's RTT write probe sends an
// ephemeral event, which relays do not keep). The monitor's publish target is not here:
// each run gets a fresh one, so it holds exactly that run's events.
namespace bigbrotr::testing {

// A well-formed v3 onion service name: a Tor relay the validator never probes, since the
// test config leaves the tor network off.
inline constexpr const char* kTaggedOnionUrl =
    "ws://bigbrotrpipelinetaggedrelaybigbrotrpipelinetaggedrelaybi.onion";

class PipelineRelays {
 public:
  // Signs the data sets, starts the relays and loads the npm relay; throws
  // std::runtime_error when a relay does not start or refuses its data.
  PipelineRelays()
      : tag_targets_{dead_loopback_url() + "/tagged", kTaggedOnionUrl, npm_.url(), "not a relay url"},
        data_(make_pipeline_data(tag_targets_)),
        plain_({"--data", data_.plain.path.string()}),
        capped_({"--data", data_.capped.path.string(), "--cap", std::to_string(kCap)}),
        hostile_({"--data", data_.hostile.path.string(), "--bad-sig", "--wrong-id", "--invalid-json"}),
        dead_url_(dead_loopback_url()) {
    if (publish_all(npm_.url(), data_.npm.events) != data_.npm.events.size())
      throw std::runtime_error("the npm relay refused part of its data set");
  }
  PipelineRelays(const PipelineRelays&) = delete;
  PipelineRelays& operator=(const PipelineRelays&) = delete;

  const PipelineData& data() const { return data_; }
  std::string plain_url() const { return plain_.url(); }
  std::string capped_url() const { return capped_.url(); }
  // Every other event it sends is forged (a bad signature or a wrong id, in turn), and a
  // frame of broken JSON precedes every message.
  std::string hostile_url() const { return hostile_.url(); }
  std::string npm_url() const { return npm_.url(); }
  // A web server that answers WebSocket upgrades with plain HTTP: up, but no relay.
  std::string web_page_url() const { return web_page_.url(); }
  // A loopback port nothing listens on.
  const std::string& dead_url() const { return dead_url_; }

  // The seeded relays that speak Nostr, in URL order.
  std::vector<std::string> live_urls() const {
    std::vector<std::string> urls{plain_url(), capped_url(), hostile_url(), npm_url()};
    std::ranges::sort(urls);
    return urls;
  }
  // The seeded URLs that parse but are no relays: candidates the validator keeps failing.
  std::vector<std::string> non_relay_urls() const { return {dead_url_, web_page_url()}; }
  // The canonical URLs named in `r` tags that must become candidates: not the live relay
  // (already a relay) nor the garbage value (no relay URL).
  std::vector<std::string> tagged_candidate_urls() const {
    return {models::Relay::parse(tag_targets_[0], {true}).value().url(), kTaggedOnionUrl};
  }

 private:
  NpmRelayProcess npm_;  // first: the plain relay's tags name it
  std::vector<std::string> tag_targets_;
  PipelineData data_;
  FixtureRelayProcess plain_;
  FixtureRelayProcess capped_;
  FixtureRelayProcess hostile_;
  FixtureRelayProcess web_page_{{"--no-upgrade"}};
  std::string dead_url_;
};

}  // namespace bigbrotr::testing
