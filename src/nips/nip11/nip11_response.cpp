#include "nips/nip11/nip11_response.hpp"

#include <algorithm>
#include <cctype>

namespace bigbrotr::nips {
namespace {

std::string media_type(std::string_view content_type) {
  std::string_view type = content_type.substr(0, content_type.find(';'));
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!type.empty() && is_space(type.front())) type.remove_prefix(1);
  while (!type.empty() && is_space(type.back())) type.remove_suffix(1);
  std::string lowered(type);
  std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lowered;
}

}  // namespace

std::string nip11_url(const models::Relay& relay) {
  const bool secure = relay.scheme() == "wss";
  std::string url = secure ? "https://" : "http://";
  const bool ipv6 = relay.host().find(':') != std::string::npos;
  url += ipv6 ? "[" + relay.host() + "]" : relay.host();
  // Relay::port() is empty when it is the default of the relay's own scheme, which is
  // also the default of the derived scheme (wss/https 443, ws/http 80).
  if (relay.port() && *relay.port() != (secure ? 443 : 80)) url += ":" + std::to_string(*relay.port());
  url += relay.path();
  return url;
}

models::Result<Nip11Parse> accept_nip11_response(int status, std::string_view content_type,
                                                 std::string_view body, std::size_t max_size) {
  if (status != 200) return models::fail("HTTP " + std::to_string(status));
  const std::string type = media_type(content_type);
  if (type != "application/nostr+json" && type != "application/json")
    return models::fail("Invalid Content-Type: " + type);
  if (body.size() > max_size)
    return models::fail("Response body too large: >" + std::to_string(max_size) + " bytes");
  return parse_nip11(body);
}

CheckResult nip11_check_result(const models::Result<Nip11Parse>& outcome) {
  if (!outcome) return CheckResult::failure(outcome.reason());
  return CheckResult::success(outcome->document.to_json());
}

}  // namespace bigbrotr::nips
