#include "utils/transport/relay_client.hpp"

#include <fmt/format.h>

#include <utility>

#include "models/machine_prefix.hpp"

namespace bigbrotr::utils {
namespace {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

constexpr int kMaxSkippedPerRead = 1000;
constexpr std::size_t kMaxPending = 1000;

std::chrono::milliseconds remaining(Clock::time_point deadline) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
}

}  // namespace

RelayClient::RelayClient(models::Relay relay, RelayClientOptions options, WebSocketConnection connection)
    : relay_(std::move(relay)), options_(std::move(options)), connection_(std::move(connection)) {}

asio::awaitable<TransportResult<RelayClient>> RelayClient::connect(models::Relay relay,
                                                                   RelayClientOptions options) {
  auto connection = co_await connect_websocket(relay, options.transport);
  if (!connection) co_return connection.error();
  co_return RelayClient(std::move(relay), std::move(options), std::move(connection.value()));
}

asio::awaitable<TransportResult<Done>> RelayClient::subscribe(boost::json::object filter,
                                                              std::string subscription_id) {
  co_return co_await connection_.write(make_req_message(subscription_id, std::span(&filter, 1)));
}

asio::awaitable<TransportResult<Done>> RelayClient::unsubscribe(std::string subscription_id) {
  co_return co_await connection_.write(make_close_message(subscription_id));
}

asio::awaitable<TransportResult<Done>> RelayClient::authenticate(std::string challenge) {
  if (!options_.keys)
    co_return transport_error(TransportErrorKind::invalid_target, "no keys to authenticate with");
  const models::Event auth = make_auth_event(*options_.keys, relay_.url(), challenge, models::unix_now());
  auto sent = co_await connection_.write(make_auth_message(auth));
  if (sent) ++counters_.auth_sent;
  co_return sent;
}

asio::awaitable<TransportResult<RelayMessage>> RelayClient::next() {
  co_return co_await next(options_.transport.read_timeout);
}

asio::awaitable<TransportResult<RelayMessage>> RelayClient::next(std::chrono::milliseconds timeout) {
  if (!pending_.empty()) {
    RelayMessage message = std::move(pending_.front());
    pending_.pop_front();
    co_return message;
  }
  co_return co_await receive(Clock::now() + timeout);
}

asio::awaitable<TransportResult<RelayMessage>> RelayClient::receive(Clock::time_point deadline) {
  for (int skipped = 0; skipped <= kMaxSkippedPerRead; ++skipped) {
    const auto left = remaining(deadline);
    if (left.count() <= 0)
      co_return transport_error(TransportErrorKind::timeout, "no message from the relay in time");
    auto text = co_await connection_.read(left);
    if (!text) co_return text.error();
    auto message = parse_relay_message(text.value());
    if (!message) {
      ++(message.reason().starts_with("unknown") ? counters_.unknown : counters_.malformed);
      continue;
    }
    if (const auto* auth = std::get_if<AuthMessage>(&message.value())) {
      challenge_ = auth->challenge;
      if (options_.keys) {
        auto answered = co_await authenticate(auth->challenge);
        if (!answered) co_return answered.error();
      }
    }
    co_return std::move(message).value();
  }
  co_return transport_error(TransportErrorKind::protocol, "too many malformed messages");
}

asio::awaitable<TransportResult<OkMessage>> RelayClient::await_ok(const std::string& event_id) {
  const auto deadline = Clock::now() + options_.transport.read_timeout;
  // Each round either returns or consumes a message, and the pending queue is capped, so
  // the loop ends by count (messages are bounded by the deadline) or by time.
  while (true) {
    auto message = co_await receive(deadline);
    if (!message) co_return message.error();
    if (auto* ok = std::get_if<OkMessage>(&message.value()); ok && ok->event_id == event_id) co_return *ok;
    if (pending_.size() >= kMaxPending) {
      co_return transport_error(TransportErrorKind::protocol, "no OK among too many messages");
    }
    pending_.push_back(std::move(message).value());
  }
}

asio::awaitable<TransportResult<OkMessage>> RelayClient::publish(models::Event event) {
  const std::string message = make_event_message(event);
  const std::string id = event.id_hex();
  auto sent = co_await connection_.write(message);
  if (!sent) co_return sent.error();
  auto ok = co_await await_ok(id);
  const bool retry = ok && !ok->accepted && models::has_machine_prefix(ok->message, "auth-required") &&
                     options_.keys && challenge_.has_value();
  if (!retry) co_return ok;
  // NIP-42: the challenge was answered when it arrived (receive); send the event again.
  sent = co_await connection_.write(message);
  if (!sent) co_return sent.error();
  co_return co_await await_ok(id);
}

asio::awaitable<void> RelayClient::close() { co_await connection_.close(); }

}  // namespace bigbrotr::utils
