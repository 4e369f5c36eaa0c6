#include "nips/nip66/nip66_http.hpp"

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "nips/nip66/overlay_proxy.hpp"
#include "nips/within_timeout.hpp"

namespace bigbrotr::nips {
namespace {

// The upgrade's outcome in a default-constructible shape (within_timeout needs one).
struct UpgradeAttempt {
  std::optional<utils::HttpHeaders> headers;
  std::string reason;
};

boost::asio::awaitable<UpgradeAttempt> upgrade(models::Relay relay, utils::TransportOptions transport) {
  auto connection = co_await utils::connect_websocket(std::move(relay), std::move(transport));
  UpgradeAttempt attempt;
  if (!connection) {
    attempt.reason = connection.reason();
    co_return attempt;
  }
  attempt.headers = connection->upgrade_headers();
  co_await connection->close();
  co_return attempt;
}

}  // namespace

CheckResult http_check_result(const utils::HttpHeaders& upgrade_headers) {
  boost::json::object data;
  if (auto server = utils::find_header(upgrade_headers, "Server")) data["http_server"] = *server;
  if (auto powered_by = utils::find_header(upgrade_headers, "X-Powered-By"))
    data["http_powered_by"] = *powered_by;
  if (data.empty()) return CheckResult::failure("no HTTP headers captured");
  return CheckResult::success(std::move(data));
}

boost::asio::awaitable<CheckResult> check_http(models::Relay relay, HttpCheckOptions options) {
  if (auto reason = overlay_without_proxy(relay, options.transport)) co_return CheckResult::failure(*reason);
  utils::TransportOptions transport = std::move(options.transport);
  transport.connect_timeout = std::min(transport.connect_timeout, options.timeout);
  transport.handshake_timeout = std::min(transport.handshake_timeout, options.timeout);
  const auto phase = std::make_shared<utils::ConnectPhase>(utils::ConnectPhase::resolve);
  transport.phase = phase;
  auto attempt = co_await within_timeout(options.timeout, upgrade(std::move(relay), std::move(transport)));
  if (!attempt) {
    co_return CheckResult::failure("timeout: " + std::string(utils::to_string(*phase)) +
                                   " did not finish in time");
  }
  if (!attempt->headers) co_return CheckResult::failure(attempt->reason);
  co_return http_check_result(*attempt->headers);
}

}  // namespace bigbrotr::nips
