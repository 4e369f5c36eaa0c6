#include "nips/nip66/nip66_rtt.hpp"

#include <fmt/format.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <variant>

#include "nips/nip66/overlay_proxy.hpp"
#include "nips/nip66/relay_verdict.hpp"
#include "nips/within_timeout.hpp"
#include "utils/transport/relay_client.hpp"
#include "models/machine_prefix.hpp"

namespace bigbrotr::nips {
namespace {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

constexpr std::string_view kReadSubscription = "bigbrotr-rtt-read";
constexpr std::string_view kVerifySubscription = "bigbrotr-rtt-verify";
// Messages read per phase at most, besides the deadline: a NOTICE flood or chatter on
// other subscriptions cannot keep a phase going.
constexpr int kMaxMessagesPerPhase = 1000;

std::int64_t elapsed_ms(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

std::chrono::milliseconds remaining(Clock::time_point deadline) {
  return std::max(std::chrono::milliseconds(1),
                  std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()));
}

// Filters are built outside coroutines: g++ 12 miscompiles initializer lists inside
// coroutine frames.
boost::json::object read_filter() { return boost::json::object{{"limit", 1}}; }

boost::json::object ids_filter(const std::string& id) {
  boost::json::object filter;
  filter["ids"] = boost::json::array{boost::json::value(id)};
  filter["limit"] = 1;
  return filter;
}

// One phase's log and, when it worked, its round trip; what the relay answered feeds the
// status verdict.
struct PhaseOutcome {
  PhaseLog log;
  std::optional<std::int64_t> rtt_ms;
  bool answered = false;                // a Nostr answer to our REQ or event came back
  std::optional<std::string> refusal;  // the relay's CLOSED / OK false text
};

PhaseOutcome passed(std::int64_t rtt_ms) { return PhaseOutcome{PhaseLog{true, std::nullopt}, rtt_ms, true, {}}; }
PhaseOutcome failed(std::string reason) {
  return PhaseOutcome{PhaseLog{false, std::move(reason)}, std::nullopt, false, std::nullopt};
}
// A failure the relay answered: a refusal (CLOSED, OK false) or an EOSE without events.
PhaseOutcome answered_failure(std::string reason, std::optional<std::string> refusal) {
  PhaseOutcome outcome = failed(std::move(reason));
  outcome.answered = true;
  outcome.refusal = std::move(refusal);
  return outcome;
}

// Every phase failed because the WebSocket did not open: the result and the down verdict.
RttOutcome open_failed(const utils::TransportError& failure) {
  const PhaseLog log{false, failure.reason};
  RttOutcome outcome;
  outcome.result = CheckResult::rtt({}, RttLogs{log, log, log});
  ProbeEvidence evidence;
  evidence.open_failure = failure;
  outcome.status = judge_probe(evidence);
  return outcome;
}

// The connect's outcome in a default-constructible shape (within_timeout needs one).
struct OpenAttempt {
  std::optional<utils::RelayClient> client;
  utils::TransportError failure;
};

asio::awaitable<OpenAttempt> open_client(models::Relay relay, utils::RelayClientOptions options) {
  auto client = co_await utils::RelayClient::connect(std::move(relay), std::move(options));
  OpenAttempt attempt;
  if (client) {
    attempt.client.emplace(std::move(client).value());
  } else {
    attempt.failure = client.error();
  }
  co_return attempt;
}

// A CLOSED that NIP-42 lets us retry: the relay asked for auth and we have answered its
// challenge by the time the CLOSED is read (RelayClient answers challenges on arrival).
bool retry_after_auth(const utils::RelayClient& client, bool can_authenticate,
                      const utils::ClosedMessage& closed) {
  return can_authenticate && client.challenge().has_value() &&
         models::has_machine_prefix(closed.message, "auth-required");
}

asio::awaitable<PhaseOutcome> measure_read(utils::RelayClient& client, bool can_authenticate,
                                           std::chrono::milliseconds timeout) {
  const auto start = Clock::now();
  const auto deadline = start + timeout;
  const std::string subscription(kReadSubscription);
  boost::json::object filter = read_filter();
  auto sent = co_await client.subscribe(filter, subscription);
  if (!sent) co_return failed(sent.reason());
  bool retried = false;
  for (int read = 0; read < kMaxMessagesPerPhase; ++read) {
    auto message = co_await client.next(remaining(deadline));
    if (!message) co_return failed(message.reason());
    if (const auto* event = std::get_if<utils::EventMessage>(&message.value());
        event && event->subscription_id == subscription) {
      const std::int64_t rtt = elapsed_ms(start);
      co_await client.unsubscribe(subscription);
      co_return passed(rtt);
    }
    if (const auto* eose = std::get_if<utils::EoseMessage>(&message.value());
        eose && eose->subscription_id == subscription) {
      co_await client.unsubscribe(subscription);
      co_return answered_failure("no events returned", std::nullopt);
    }
    if (const auto* closed = std::get_if<utils::ClosedMessage>(&message.value());
        closed && closed->subscription_id == subscription) {
      if (retried || !retry_after_auth(client, can_authenticate, *closed)) {
        if (closed->message.empty()) co_return answered_failure("subscription closed by relay", std::nullopt);
        co_return answered_failure(closed->message, closed->message);
      }
      retried = true;
      filter = read_filter();
      sent = co_await client.subscribe(filter, subscription);
      if (!sent) co_return failed(sent.reason());
    }
  }
  co_return failed("no answer to the subscription among too many messages");
}

// Whether the relay serves the event back by id (the write verification of §5.1).
asio::awaitable<bool> retrievable(utils::RelayClient& client, std::string id,
                                  std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  const std::string subscription(kVerifySubscription);
  boost::json::object filter = ids_filter(id);
  auto sent = co_await client.subscribe(filter, subscription);
  if (!sent) co_return false;
  for (int read = 0; read < kMaxMessagesPerPhase; ++read) {
    auto message = co_await client.next(remaining(deadline));
    if (!message) co_return false;
    if (const auto* event = std::get_if<utils::EventMessage>(&message.value());
        event && event->subscription_id == subscription && event->event.id_hex() == id) {
      co_await client.unsubscribe(subscription);
      co_return true;
    }
    const auto* eose = std::get_if<utils::EoseMessage>(&message.value());
    const auto* closed = std::get_if<utils::ClosedMessage>(&message.value());
    if ((eose && eose->subscription_id == subscription) ||
        (closed && closed->subscription_id == subscription))
      co_return false;
  }
  co_return false;
}

// Signs the test event, mining NIP-13 proof of work on `pool` when one is given.
asio::awaitable<std::optional<models::Event>> sign_test_event(UnsignedEvent draft, int difficulty,
                                                              utils::Keys keys, Clock::time_point deadline,
                                                              asio::thread_pool* pool) {
  if (pool == nullptr || difficulty <= 0)
    co_return mine_event(std::move(draft), difficulty, keys.secret_key(), deadline);
  auto mine = [draft = std::move(draft), difficulty, keys = std::move(keys),
               deadline]() mutable -> asio::awaitable<std::optional<models::Event>> {
    co_return mine_event(std::move(draft), difficulty, keys.secret_key(), deadline);
  };
  co_return co_await asio::co_spawn(*pool, std::move(mine), asio::use_awaitable);
}

asio::awaitable<PhaseOutcome> measure_write(utils::RelayClient& client, const models::Relay& relay,
                                            const RttCheckOptions& options) {
  if (!options.keys) co_return failed("no keys to sign the test event");
  const int difficulty = static_cast<int>(std::clamp<std::int64_t>(options.min_pow_difficulty, 0, 256));
  if (difficulty > kMaxPowDifficulty)
    co_return failed("proof of work difficulty " + std::to_string(difficulty) + " too high");
  UnsignedEvent draft = rtt_test_event(relay.url(), options.test_kind, models::unix_now());
  auto event = co_await sign_test_event(std::move(draft), difficulty, *options.keys,
                                        Clock::now() + options.timeout, options.pow_pool);
  if (!event) co_return failed("proof of work not found in time");

  const auto start = Clock::now();
  auto ok = co_await client.publish(*event);
  if (!ok) {
    if (ok.kind() == utils::TransportErrorKind::timeout) co_return failed("no response from relay");
    co_return failed(ok.reason());
  }
  if (!ok->accepted) {
    if (ok->message.empty()) co_return answered_failure("unknown", std::nullopt);
    co_return answered_failure(ok->message, ok->message);
  }
  const std::int64_t rtt = elapsed_ms(start);
  // A compliant relay keeps no ephemeral event, so reading one back could only fail: the
  // relay's OK is the verdict (differences.md §2, rtt write probe).
  if (is_ephemeral_kind(options.test_kind)) co_return passed(rtt);
  std::string id = event->id_hex();
  const bool found = co_await retrievable(client, std::move(id), options.timeout);
  if (!found) co_return answered_failure("unverified: accepted but not retrievable", std::nullopt);
  co_return passed(rtt);
}

void record(const PhaseOutcome& phase, const char* field, boost::json::object& data, std::optional<PhaseLog>& log) {
  if (phase.rtt_ms) data[field] = *phase.rtt_ms;
  log = phase.log;
}

}  // namespace

UnsignedEvent rtt_test_event(std::string_view relay_url, std::uint16_t kind, std::int64_t created_at) {
  UnsignedEvent event;
  event.created_at = created_at;
  event.kind = kind;
  event.tags.push_back({"d", std::string(relay_url)});
  event.content = std::string(kRttTestContent);
  return event;
}

asio::awaitable<RttOutcome> check_rtt(models::Relay relay, RttCheckOptions options) {
  RttOutcome outcome;
  if (auto reason = overlay_without_proxy(relay, options.transport)) {
    co_return open_failed(utils::TransportError{utils::TransportErrorKind::proxy, *reason, 0});
  }
  utils::RelayClientOptions client_options;
  client_options.transport = options.transport;
  client_options.transport.connect_timeout =
      std::min(client_options.transport.connect_timeout, options.timeout);
  client_options.transport.handshake_timeout =
      std::min(client_options.transport.handshake_timeout, options.timeout);
  client_options.transport.read_timeout = options.timeout;
  client_options.transport.write_timeout = std::min(client_options.transport.write_timeout, options.timeout);
  client_options.keys = options.keys;
  const auto phase = std::make_shared<utils::ConnectPhase>(utils::ConnectPhase::resolve);
  client_options.transport.phase = phase;

  const auto open_start = Clock::now();
  auto attempt = co_await within_timeout(options.timeout, open_client(relay, std::move(client_options)));
  if (!attempt) {
    co_return open_failed(utils::TransportError{
        utils::TransportErrorKind::timeout,
        fmt::format("timeout: {} did not finish in time", utils::to_string(*phase)), 0});
  }
  if (!attempt->client) co_return open_failed(attempt->failure);
  utils::RelayClient& client = *attempt->client;
  boost::json::object data;
  data["rtt_open"] = elapsed_ms(open_start);
  outcome.opened = true;
  outcome.upgrade_headers = client.connection().upgrade_headers();
  outcome.insecure = client.connection().insecure();

  RttLogs logs;
  logs.open.success = true;
  // Named locals, not temporaries inside the co_await expressions (g++ 12 destroys those twice).
  PhaseOutcome read = co_await measure_read(client, options.keys.has_value(), options.timeout);
  record(read, "rtt_read", data, logs.read);
  PhaseOutcome write = co_await measure_write(client, relay, options);
  record(write, "rtt_write", data, logs.write);
  ProbeEvidence evidence;
  evidence.read_answered = read.answered;
  evidence.read_refusal = std::move(read.refusal);
  evidence.write_answered = write.answered;
  evidence.write_refusal = std::move(write.refusal);
  evidence.auth_challenged = client.challenge().has_value();
  if (!read.answered) evidence.silence = read.log.reason.value_or("");
  co_await client.close();
  outcome.result = CheckResult::rtt(std::move(data), logs);
  outcome.status = judge_probe(evidence);
  co_return outcome;
}

}  // namespace bigbrotr::nips
