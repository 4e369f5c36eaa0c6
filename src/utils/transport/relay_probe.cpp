#include "utils/transport/relay_probe.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/object.hpp>

#include <chrono>

#include "utils/transport/relay_client.hpp"

namespace bigbrotr::utils {
namespace {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;
constexpr std::string_view kSubscriptionId = "bigbrotr-probe";
constexpr int kBudgetMultiple = 4;
// Upper bound on messages read while waiting for a verdict (NOTICE spam, foreign subs).
constexpr int kMaxMessages = 100;

// Built outside the coroutine: g++ 12 miscompiles initializer lists of string literals
// inside coroutine frames ("array used as initializer").
boost::json::object probe_filter() { return boost::json::object{{"kinds", {1}}, {"limit", 1}}; }

RelayProbeResult failed_probe(const TransportError& failure, bool insecure) {
  return RelayProbeResult{false, failure.reason, insecure,
                          models::down_verdict(status_reason(failure), failure.reason, failure.http_status)};
}

// The socket opened but no answer decided: down, silent.
RelayProbeResult silent_probe(const std::string& reason, bool insecure) {
  return RelayProbeResult{false, reason, insecure, models::down_verdict(models::StatusReason::silent, reason)};
}

asio::awaitable<RelayProbeResult> probe(models::Relay relay, TransportOptions options,
                                        Clock::time_point deadline) {
  // A named local, not a braced temporary: g++ 12 destroys aggregate temporaries inside a
  // co_await expression twice.
  RelayClientOptions client_options{options, std::nullopt};
  auto client = co_await RelayClient::connect(relay, std::move(client_options));
  if (!client) co_return failed_probe(client.error(), false);
  const bool insecure = client->connection().insecure();
  auto sent = co_await client->subscribe(probe_filter(), std::string(kSubscriptionId));
  if (!sent) co_return failed_probe(sent.error(), insecure);
  RelayProbeResult result = silent_probe("timeout: no answer to REQ", insecure);
  for (int read = 0; read < kMaxMessages; ++read) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    auto message = co_await client->next(std::min(left, options.read_timeout));
    if (!message) {
      result = silent_probe(message.reason(), insecure);
      break;
    }
    const ProbeAnswer answer = judge_probe_answer(message.value(), kSubscriptionId);
    if (answer.verdict == ProbeVerdict::keep_waiting) continue;
    result.valid = answer.verdict == ProbeVerdict::valid;
    result.status = answer.status;
    result.reason = std::visit(
        [](const auto& m) -> std::string {
          using T = std::decay_t<decltype(m)>;
          if constexpr (std::is_same_v<T, EoseMessage>) return "EOSE";
          if constexpr (std::is_same_v<T, EventMessage>) return "EVENT";
          if constexpr (std::is_same_v<T, AuthMessage>) return "AUTH challenge";
          if constexpr (std::is_same_v<T, ClosedMessage>) return "CLOSED: " + m.message;
          return "unexpected message";
        },
        message.value());
    break;
  }
  co_await client->close();
  co_return result;
}

}  // namespace

ProbeAnswer judge_probe_answer(const RelayMessage& message, std::string_view subscription_id) {
  const ProbeAnswer wait;
  const ProbeAnswer up{ProbeVerdict::valid, models::up_verdict()};
  if (std::holds_alternative<AuthMessage>(message)) {
    return ProbeAnswer{ProbeVerdict::valid, models::restricted_verdict(models::StatusReason::auth, "AUTH challenge")};
  }
  if (const auto* eose = std::get_if<EoseMessage>(&message)) return eose->subscription_id == subscription_id ? up : wait;
  if (const auto* event = std::get_if<EventMessage>(&message)) {
    return event->subscription_id == subscription_id ? up : wait;
  }
  if (const auto* closed = std::get_if<ClosedMessage>(&message);
      closed && closed->subscription_id == subscription_id) {
    if (auto reason = models::refusal_reason(closed->message, models::StatusReason::restricted)) {
      return ProbeAnswer{ProbeVerdict::valid, models::restricted_verdict(*reason, closed->message)};
    }
    return ProbeAnswer{ProbeVerdict::invalid, models::down_verdict(models::StatusReason::protocol, closed->message)};
  }
  return wait;
}

asio::awaitable<RelayProbeResult> is_nostr_relay(models::Relay relay, TransportOptions options) {
  using namespace asio::experimental::awaitable_operators;
  const auto budget = kBudgetMultiple * options.read_timeout;
  asio::steady_timer timer(co_await asio::this_coro::executor, budget);
  auto outcome = co_await (probe(std::move(relay), options, Clock::now() + budget) ||
                           timer.async_wait(asio::as_tuple(asio::use_awaitable)));
  if (outcome.index() == 1) {
    co_return RelayProbeResult{false, "timeout: probe budget exhausted", false,
                               models::down_verdict(models::StatusReason::timeout, "timeout: probe budget exhausted")};
  }
  co_return std::get<0>(std::move(outcome));
}

}  // namespace bigbrotr::utils
