#include "utils/transport/socks5_protocol.hpp"

#include <fmt/format.h>

#include "models/ip_literal.hpp"

namespace bigbrotr::utils::socks5 {
namespace {

constexpr std::uint8_t kCommandConnect = 0x01;
constexpr std::uint8_t kAtypIpv4 = 0x01;
constexpr std::uint8_t kAtypDomain = 0x03;
constexpr std::uint8_t kAtypIpv6 = 0x04;
constexpr std::size_t kMaxField = 255;

TransportError proxy_error(std::string_view detail) {
  return transport_error(TransportErrorKind::proxy, detail);
}

}  // namespace

std::string describe_reply(std::uint8_t code) {
  std::string_view text;
  switch (static_cast<ReplyCode>(code)) {
    case ReplyCode::succeeded:
      text = "succeeded";
      break;
    case ReplyCode::general_failure:
      text = "general failure";
      break;
    case ReplyCode::not_allowed:
      text = "connection not allowed by ruleset";
      break;
    case ReplyCode::network_unreachable:
      text = "network unreachable";
      break;
    case ReplyCode::host_unreachable:
      text = "host unreachable";
      break;
    case ReplyCode::connection_refused:
      text = "connection refused";
      break;
    case ReplyCode::ttl_expired:
      text = "ttl expired";
      break;
    case ReplyCode::command_not_supported:
      text = "command not supported";
      break;
    case ReplyCode::address_type_not_supported:
      text = "address type not supported";
      break;
    default:
      text = "unassigned reply code";
  }
  return fmt::format("{} (reply 0x{:02x})", text, code);
}

std::vector<std::uint8_t> encode_greeting(const Socks5Proxy& proxy) {
  if (proxy.username && proxy.password) return {kVersion, 1, kMethodUserPass};
  return {kVersion, 1, kMethodNoAuth};
}

TransportResult<std::uint8_t> decode_method_selection(std::span<const std::uint8_t, 2> reply,
                                                      const Socks5Proxy& proxy) {
  if (reply[0] != kVersion)
    return proxy_error(fmt::format("not a SOCKS5 proxy (version 0x{:02x})", reply[0]));
  const std::uint8_t method = reply[1];
  if (method == kMethodNoneAcceptable) return proxy_error("no acceptable authentication method");
  const bool has_credentials = proxy.username && proxy.password;
  if (method == kMethodUserPass && has_credentials) return method;
  if (method == kMethodNoAuth && !has_credentials) return method;
  return proxy_error(fmt::format("proxy chose a method we did not offer (0x{:02x})", method));
}

TransportResult<std::vector<std::uint8_t>> encode_user_pass(std::string_view username,
                                                            std::string_view password) {
  if (username.empty() || username.size() > kMaxField || password.empty() || password.size() > kMaxField) {
    return transport_error(TransportErrorKind::invalid_target, "proxy credentials must be 1-255 bytes each");
  }
  std::vector<std::uint8_t> out{kUserPassVersion, static_cast<std::uint8_t>(username.size())};
  out.insert(out.end(), username.begin(), username.end());
  out.push_back(static_cast<std::uint8_t>(password.size()));
  out.insert(out.end(), password.begin(), password.end());
  return out;
}

TransportResult<Done> decode_user_pass_reply(std::span<const std::uint8_t, 2> reply) {
  if (reply[0] != kUserPassVersion) return proxy_error("malformed authentication reply");
  if (reply[1] != 0x00) return proxy_error("authentication refused");
  return Done{};
}

TransportResult<std::vector<std::uint8_t>> encode_connect(std::string_view host, std::uint16_t port) {
  std::vector<std::uint8_t> out{kVersion, kCommandConnect, 0x00};
  if (const auto ip = models::parse_ip_literal(host)) {
    const bool v4 = ip->family == models::IpLiteral::Family::v4;
    out.push_back(v4 ? kAtypIpv4 : kAtypIpv6);
    out.insert(out.end(), ip->bytes.begin(), ip->bytes.begin() + (v4 ? 4 : 16));
  } else {
    if (host.empty() || host.size() > kMaxField) {
      return transport_error(TransportErrorKind::invalid_target, "host name must be 1-255 bytes for SOCKS5");
    }
    out.push_back(kAtypDomain);
    out.push_back(static_cast<std::uint8_t>(host.size()));
    out.insert(out.end(), host.begin(), host.end());
  }
  out.push_back(static_cast<std::uint8_t>(port >> 8));
  out.push_back(static_cast<std::uint8_t>(port & 0xFF));
  return out;
}

TransportResult<std::size_t> decode_connect_reply_head(std::span<const std::uint8_t, 5> head) {
  if (head[0] != kVersion) return proxy_error("malformed CONNECT reply");
  if (head[1] != static_cast<std::uint8_t>(ReplyCode::succeeded)) return proxy_error(describe_reply(head[1]));
  constexpr std::size_t kPortBytes = 2;
  switch (head[3]) {
    case kAtypIpv4:
      return std::size_t{4 - 1 + kPortBytes};
    case kAtypIpv6:
      return std::size_t{16 - 1 + kPortBytes};
    case kAtypDomain:
      // head[4] is the length byte of the name; all of the name is still to come.
      return std::size_t{head[4]} + kPortBytes;
    default:
      return proxy_error("CONNECT reply with an unknown address type");
  }
}

}  // namespace bigbrotr::utils::socks5
