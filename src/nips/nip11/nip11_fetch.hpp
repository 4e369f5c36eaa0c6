#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/relay.hpp"
#include "nips/check_result.hpp"
#include "nips/nip11/nip11_response.hpp"
#include "utils/transport/http_client.hpp"
#include "utils/transport/transport_error.hpp"
#include "utils/transport/transport_options.hpp"

// The nip11_info check (nips.md §3): one GET of the relay's NIP-11 document over the
// bounded HTTP client, judged by accept_nip11_response.
namespace bigbrotr::nips {

struct Nip11FetchOptions {
  // Proxy, SSRF guard, extra CA file and allow_insecure (a certificate failure is retried
  // once unverified only when set). Its step timeouts are capped at `timeout`.
  utils::TransportOptions transport;
  // The network timeout: the whole request, redirects included.
  std::chrono::milliseconds timeout{std::chrono::seconds(10)};
  // processing.nip11_info_max_size: the body is abandoned as soon as it grows past this.
  std::size_t max_size = kNip11MonitorMaxSize;
};

// What one fetch produced: the check result plus what the caller may want beside it.
struct Nip11Fetch {
  CheckResult result;
  // Paths of the values dropped for their JSON type (Nip11Parse::dropped_fields). The
  // stored result drops them silently, as the spec says; callers log or count them.
  std::vector<std::string> dropped_fields;
  // limitation.min_pow_difficulty of a fetched document (feeds the RTT write, §5.1).
  std::optional<std::int64_t> min_pow_difficulty;
  // The document was read over the insecure TLS fallback.
  bool insecure = false;
};

// Judges a finished GET: a transport failure becomes a failure with its reason
// ("Response body too large: >N bytes" for too_large, else the transport's own
// "<kind>: <detail>"); a response goes through accept_nip11_response.
Nip11Fetch judge_nip11_fetch(const utils::TransportResult<utils::HttpResponse>& response,
                             std::size_t max_size);

// GETs nip11_url(relay) with `Accept: application/nostr+json` on the calling coroutine's
// executor and judges it. Never throws for what the network or the relay does; bounded by
// options.timeout.
boost::asio::awaitable<Nip11Fetch> fetch_nip11(models::Relay relay, Nip11FetchOptions options);

}  // namespace bigbrotr::nips
