#include "services/synchronizer/relay_sync.hpp"

#include <boost/asio/this_coro.hpp>

#include <utility>

#include "services/synchronizer/event_verifier.hpp"
#include "utils/transport/relay_client.hpp"

namespace bigbrotr::services::synchronizer {

namespace asio = boost::asio;

// How many windows' worth of events a stream may read ahead and keep (window_stream.hpp):
// bounds a stream's memory to a few times what one answer holds anyway.
constexpr std::size_t kHeldWindows = 8;

bool RelaySyncReport::auth_unavailable() const {
  return end == StreamEnd::failed && reason.starts_with(kAuthUnavailable);
}

asio::awaitable<RelaySyncReport> sync_relay(const core::store::RelayCursor& cursor,
                                            const utils::TransportOptions& transport,
                                            const RelaySyncSettings& settings, asio::thread_pool& verify_pool,
                                            std::function<bool()> keep_going, BatchSink sink) {
  RelaySyncReport report;
  utils::RelayClientOptions client_options;
  client_options.transport = transport;
  client_options.keys = settings.keys;
  auto connected = co_await utils::RelayClient::connect(cursor.relay, std::move(client_options));
  if (!connected) {
    report.connect_error = connected.reason();
    co_return report;
  }
  report.connected = true;
  utils::RelayClient& client = connected.value();
  const auto executor = co_await asio::this_coro::executor;
  EventVerifier verifier(verify_pool, executor);
  RelayEventFetcher fetcher(client, *settings.filters, settings.keys.has_value(), verifier, report.fetch);
  WindowStreamOptions window;
  window.start = cursor.timestamp;
  window.end = settings.end_time;
  window.limit = settings.limit;
  window.idle = settings.idle;
  window.max_held = kHeldWindows * settings.limit;
  WindowStream stream(fetcher, window, std::move(keep_going));
  while (true) {
    StreamStep step = co_await stream.next();
    if (step.end) {
      report.end = *step.end;
      report.reason = std::move(step.reason);
      break;
    }
    std::vector<models::EventRelay> batch = to_observations(
        std::move(step.events), cursor.relay, models::unix_now(), settings.max_event_size, report.ingest);
    report.events += batch.size();
    if (batch.empty()) continue;
    if (!co_await sink(std::move(batch))) {
      report.end = StreamEnd::stopped;
      break;
    }
  }
  report.splits = stream.splits();
  co_await client.close();
  co_return report;
}

}  // namespace bigbrotr::services::synchronizer
