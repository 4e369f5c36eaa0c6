#include "nips/nip11/nip11_fetch.hpp"

#include <algorithm>
#include <utility>

namespace bigbrotr::nips {

Nip11Fetch judge_nip11_fetch(const utils::TransportResult<utils::HttpResponse>& response,
                             std::size_t max_size) {
  Nip11Fetch fetch;
  if (!response) {
    // The body is cut off while streaming, so the size is known only as "over the cap";
    // the reason keeps the spec's wording.
    fetch.result =
        response.kind() == utils::TransportErrorKind::too_large
            ? CheckResult::failure("Response body too large: >" + std::to_string(max_size) + " bytes")
            : CheckResult::failure(response.reason());
    return fetch;
  }
  const std::string content_type = utils::find_header(response->headers, "Content-Type").value_or("");
  const auto parsed =
      accept_nip11_response(static_cast<int>(response->status), content_type, response->body, max_size);
  fetch.result = nip11_check_result(parsed);
  fetch.insecure = response->insecure;
  if (parsed) {
    fetch.dropped_fields = parsed->dropped_fields;
    fetch.min_pow_difficulty = parsed->document.limitation.min_pow_difficulty;
  }
  return fetch;
}

boost::asio::awaitable<Nip11Fetch> fetch_nip11(models::Relay relay, Nip11FetchOptions options) {
  utils::HttpRequestOptions request;
  request.transport = std::move(options.transport);
  request.transport.connect_timeout = std::min(request.transport.connect_timeout, options.timeout);
  request.transport.handshake_timeout = std::min(request.transport.handshake_timeout, options.timeout);
  request.accept = std::string(kNip11Accept);
  request.max_body_size = options.max_size;
  request.total_timeout = options.timeout;
  std::string url = nip11_url(relay);
  const auto response = co_await utils::http_get(std::move(url), std::move(request));
  co_return judge_nip11_fetch(response, options.max_size);
}

}  // namespace bigbrotr::nips
