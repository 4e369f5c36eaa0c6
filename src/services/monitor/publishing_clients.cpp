#include "services/monitor/publishing_clients.hpp"

#include "services/common/network_transport.hpp"

namespace bigbrotr::services::monitor {

PublishingClients::PublishingClients(core::NetworksConfig networks, bool allow_insecure, utils::Keys keys)
    : networks_(std::move(networks)), allow_insecure_(allow_insecure), keys_(std::move(keys)) {}

boost::asio::awaitable<void> PublishingClients::connect(const models::Relay& target, Target& state) {
  auto transport = transport_for(networks_, target.network(), allow_insecure_);
  if (!transport) {
    state.unreachable = transport.reason();
    co_return;
  }
  utils::RelayClientOptions options;
  options.transport = std::move(transport).value();
  options.keys = keys_;
  auto connected = co_await utils::RelayClient::connect(target, std::move(options));
  if (!connected) {
    state.unreachable = connected.error().reason;
    co_return;
  }
  state.client.emplace(std::move(connected).value());
}

boost::asio::awaitable<PublishAttempt> PublishingClients::publish(models::Relay target, models::Event event) {
  Target& state = targets_[target.url()];
  if (!state.client && !state.unreachable) co_await connect(target, state);
  if (state.unreachable) {
    PublishAttempt unreachable{PublishAttempt::Outcome::unreachable, *state.unreachable};
    co_return unreachable;
  }
  auto answer = co_await state.client->publish(std::move(event));
  if (!answer) {
    // The client closed the connection on the error; a later event reconnects.
    PublishAttempt failed{PublishAttempt::Outcome::send_failed, answer.error().reason};
    state.client.reset();
    co_return failed;
  }
  const auto outcome =
      answer->accepted ? PublishAttempt::Outcome::accepted : PublishAttempt::Outcome::rejected;
  PublishAttempt attempt{outcome, answer->message};
  co_return attempt;
}

boost::asio::awaitable<void> PublishingClients::close_all() {
  for (auto& [url, state] : targets_) {
    if (state.client) co_await state.client->close();
    state.client.reset();
  }
}

}  // namespace bigbrotr::services::monitor
