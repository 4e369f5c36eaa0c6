#include "services/monitor/publishing_clients.hpp"

#include <algorithm>
#include <variant>
#include <vector>

#include "services/common/network_transport.hpp"
#include "services/common/run_concurrently.hpp"

namespace bigbrotr::services::monitor {
namespace {

PublishAttempt stopped(std::string reason) {
  return PublishAttempt{PublishAttempt::Outcome::stopped, std::move(reason)};
}

}  // namespace

PublishingClients::PublishingClients(const boost::asio::any_io_executor& executor,
                                     const core::MonitorConfig& config, utils::Keys keys,
                                     const core::StopSignal& stop)
    : networks_(config.networks),
      allow_insecure_(config.processing.allow_insecure),
      keys_(std::move(keys)),
      max_in_flight_(static_cast<std::size_t>(std::max(1, config.publishing_max_in_flight))),
      sending_(executor, max_in_flight_),
      grace_(stop, kStopGrace) {}

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

boost::asio::awaitable<void> PublishingClients::send(const models::Relay& target, models::Event event,
                                                     Target& state, PublishAttempt& attempt) {
  if (!state.client) co_await connect(target, state);
  if (state.unreachable) {
    attempt = PublishAttempt{PublishAttempt::Outcome::unreachable, *state.unreachable};
    co_return;
  }
  auto answer = co_await state.client->publish(std::move(event));
  if (!answer) {
    // The client closed the connection on the error; a later event reconnects.
    attempt = PublishAttempt{PublishAttempt::Outcome::send_failed, answer.error().reason};
    state.client.reset();
    co_return;
  }
  const auto outcome =
      answer->accepted ? PublishAttempt::Outcome::accepted : PublishAttempt::Outcome::rejected;
  attempt = PublishAttempt{outcome, answer->message};
}

boost::asio::awaitable<PublishAttempt> PublishingClients::publish(models::Relay target, models::Event event) {
  Target& state = targets_[target.url()];
  // Results are named locals, never temporaries in a co_return (g++ 12 destroys those
  // twice).
  PublishAttempt attempt;
  if (state.unreachable) {
    attempt = PublishAttempt{PublishAttempt::Outcome::unreachable, *state.unreachable};
    co_return attempt;
  }
  const auto permit = co_await sending_.hold();
  // Looked at after the wait for a permit, which can be long.
  if (grace_.over() || (!state.client && grace_.stop_requested())) {
    attempt = stopped(state.client ? "not sent: stopping" : "not connected: stopping");
    co_return attempt;
  }
  auto sending = send(target, std::move(event), state, attempt);
  if (!co_await grace_.bound(std::move(sending))) {
    // Cut mid-exchange: what the connection holds is unknown, so it goes.
    state.client.reset();
    attempt = stopped("cancelled: stop grace over");
  }
  co_return attempt;
}

boost::asio::awaitable<void> PublishingClients::close_all() {
  ConcurrentJob<utils::RelayClient*, std::monostate> job;
  for (auto& [url, state] : targets_) {
    if (state.client) job.items.push_back(&*state.client);
  }
  job.bounds = ConcurrencyBounds{max_in_flight_, 1};
  // After a stop request nobody waits for a courtesy close: the sockets just go.
  job.should_start = [this] { return !grace_.stop_requested(); };
  job.worker = [this](utils::RelayClient* const& client,
                      Emitter<std::monostate>&) -> boost::asio::awaitable<void> {
    auto closing = client->close();
    co_await grace_.bound(std::move(closing));
  };
  job.consume = [](std::monostate&&) {};
  co_await run_concurrently(std::move(job));
  for (auto& [url, state] : targets_) state.client.reset();
}

}  // namespace bigbrotr::services::monitor
