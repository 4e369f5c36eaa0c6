#include "services/synchronizer/event_fetcher.hpp"

#include <cstring>
#include <unordered_set>
#include <utility>
#include <variant>

#include "models/machine_prefix.hpp"

namespace bigbrotr::services::synchronizer {
namespace {

namespace asio = boost::asio;

// Event ids are SHA-256 digests: any 8 of their bytes are already a good hash.
struct DigestHash {
  std::size_t operator()(const models::Sha256Digest& digest) const noexcept {
    std::size_t hash = 0;
    std::memcpy(&hash, digest.data(), sizeof(hash));
    return hash;
  }
};

// A relay may interleave other messages (NOTICE, OK of our AUTH, stale events of an
// earlier subscription) with the answers; beyond this many per subscription on top of
// `limit` it is flooding us and the fetch gives up.
constexpr std::size_t kMaxExtraMessages = 1000;

}  // namespace

struct RelayEventFetcher::Collected {
  std::unordered_set<models::Sha256Digest, DigestHash> ids;
  std::vector<models::Event> events;
};

RelayEventFetcher::RelayEventFetcher(utils::RelayClient& client, const std::vector<WindowFilter>& filters,
                                     bool can_authenticate, FetchCounters& counters)
    : client_(client), filters_(filters), can_authenticate_(can_authenticate), counters_(counters) {}

asio::awaitable<FetchResult> RelayEventFetcher::fetch(TimeWindow window, std::size_t limit) {
  Collected collected;
  for (const WindowFilter& filter : filters_) {
    if (collected.events.size() >= limit) break;
    std::optional<FetchFailure> failure = co_await read_subscription(filter, window, limit, collected);
    if (failure) co_return std::move(*failure);
  }
  co_return std::move(collected.events);
}

asio::awaitable<std::optional<FetchFailure>> RelayEventFetcher::read_subscription(const WindowFilter& filter,
                                                                                  TimeWindow window,
                                                                                  std::size_t limit,
                                                                                  Collected& collected) {
  const std::string subscription = "sync-" + std::to_string(++subscriptions_);
  const boost::json::object request = filter.to_json(window, limit);
  bool auth_retried = false;
  ++counters_.requests;
  auto sent = co_await client_.subscribe(request, subscription);
  if (!sent) co_return FetchFailure{FetchFailureKind::transport, sent.reason()};
  const std::size_t max_messages = limit + kMaxExtraMessages;
  for (std::size_t messages = 0; messages < max_messages; ++messages) {
    auto received = co_await client_.next();
    if (!received) co_return FetchFailure{FetchFailureKind::transport, received.reason()};
    utils::RelayMessage& message = received.value();
    if (auto* event = std::get_if<utils::EventMessage>(&message)) {
      if (event->subscription_id != subscription) continue;
      if (!filter.matches(event->event, window)) {
        ++counters_.unmatched;
        continue;
      }
      if (!collected.ids.insert(event->event.id()).second) continue;
      collected.events.push_back(std::move(event->event));
      if (collected.events.size() < limit) continue;
    } else if (const auto* closed = std::get_if<utils::ClosedMessage>(&message)) {
      if (closed->subscription_id != subscription) continue;
      const bool auth_required = models::has_machine_prefix(closed->message, "auth-required");
      if (!auth_required)
        co_return FetchFailure{FetchFailureKind::closed, "closed by the relay: " + closed->message};
      // With a key, a second auth-required after our answer (or with no challenge to
      // answer) is a refusal of that key, not a missing one.
      if (!can_authenticate_) co_return FetchFailure{FetchFailureKind::auth_unavailable, closed->message};
      if (auth_retried || !client_.challenge()) {
        co_return FetchFailure{FetchFailureKind::auth_rejected, closed->message};
      }
      auth_retried = true;
      ++counters_.requests;
      auto resent = co_await client_.subscribe(request, subscription);
      if (!resent) co_return FetchFailure{FetchFailureKind::transport, resent.reason()};
      continue;
    } else if (const auto* eose = std::get_if<utils::EoseMessage>(&message)) {
      if (eose->subscription_id != subscription) continue;
    } else {
      continue;
    }
    // EOSE, or enough events: this subscription is done. A failed CLOSE surfaces at the
    // next read, so its result needs no check here.
    co_await client_.unsubscribe(subscription);
    co_return std::nullopt;
  }
  co_return FetchFailure{FetchFailureKind::protocol, "protocol: too many messages for one request"};
}

}  // namespace bigbrotr::services::synchronizer
