#include "services/finder/api_source_fetch.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <chrono>
#include <optional>

#include "utils/transport/http_client.hpp"

namespace bigbrotr::services::finder {
namespace {

namespace asio = boost::asio;

std::chrono::milliseconds to_milliseconds(double seconds) {
  return std::chrono::milliseconds(static_cast<std::int64_t>(seconds * 1000.0));
}

utils::HttpRequestOptions request_options(const core::ApiSource& source, const SourceFetchOptions& options) {
  utils::HttpRequestOptions request;
  request.transport.connect_timeout = to_milliseconds(source.connect_timeout);
  request.transport.handshake_timeout = to_milliseconds(source.timeout);
  request.transport.read_timeout = to_milliseconds(source.timeout);
  request.transport.write_timeout = to_milliseconds(source.timeout);
  request.transport.allow_insecure = source.allow_insecure;
  request.transport.allow_local = options.parse_options.allow_local;
  request.transport.extra_ca_file = options.extra_ca_file;
  request.accept = "application/json";
  request.max_body_size = options.max_response_size;
  request.total_timeout = to_milliseconds(source.timeout);
  return request;
}

// co_spawn's future needs a default-constructible value; an empty optional means the
// coroutine never produced one.
asio::awaitable<std::optional<utils::TransportResult<utils::HttpResponse>>> get(
    std::string url, utils::HttpRequestOptions options) {
  auto response = co_await utils::http_get(std::move(url), std::move(options));
  co_return std::optional<utils::TransportResult<utils::HttpResponse>>(std::move(response));
}

}  // namespace

models::Result<SourceRelays> fetch_source(const core::ApiSource& source,
                                          const RelayListExpression& expression,
                                          const SourceFetchOptions& options) {
  asio::io_context io;
  auto future = asio::co_spawn(io, get(source.url, request_options(source, options)), asio::use_future);
  io.run();
  auto response = future.get();
  if (!response) return models::fail("no response");
  if (!*response) return models::fail(response->error().reason);
  const utils::HttpResponse& http = response->value();
  if (http.status >= 400) return models::fail("http status " + std::to_string(http.status));
  return relays_from_body(http.body, expression, options.parse_options, models::unix_now());
}

}  // namespace bigbrotr::services::finder
