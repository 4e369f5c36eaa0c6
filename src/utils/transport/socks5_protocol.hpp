#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "utils/transport/transport_error.hpp"
#include "utils/transport/transport_options.hpp"

// The SOCKS5 wire format (RFC 1928, RFC 1929 username/password), as pure functions over
// bytes so the encoding is tested without sockets. socks5.hpp drives them over TCP.
namespace bigbrotr::utils::socks5 {

inline constexpr std::uint8_t kVersion = 0x05;
inline constexpr std::uint8_t kMethodNoAuth = 0x00;
inline constexpr std::uint8_t kMethodUserPass = 0x02;
inline constexpr std::uint8_t kMethodNoneAcceptable = 0xFF;
inline constexpr std::uint8_t kUserPassVersion = 0x01;

// The REP field of a CONNECT reply (RFC 1928 §6).
enum class ReplyCode : std::uint8_t {
  succeeded = 0x00,
  general_failure = 0x01,
  not_allowed = 0x02,
  network_unreachable = 0x03,
  host_unreachable = 0x04,
  connection_refused = 0x05,
  ttl_expired = 0x06,
  command_not_supported = 0x07,
  address_type_not_supported = 0x08,
};

// "host unreachable (reply 0x04)"; unassigned codes read "unassigned reply code (0x0a)".
std::string describe_reply(std::uint8_t code);

// Version/method greeting: offers no-auth, plus username/password when the proxy has
// credentials (then only username/password, so a proxy cannot silently skip auth).
std::vector<std::uint8_t> encode_greeting(const Socks5Proxy& proxy);

// Checks the 2-byte method selection; returns the chosen method or a proxy error.
TransportResult<std::uint8_t> decode_method_selection(std::span<const std::uint8_t, 2> reply,
                                                      const Socks5Proxy& proxy);

// RFC 1929 sub-negotiation. Fails (invalid_target) when a field is empty or over 255 bytes.
TransportResult<std::vector<std::uint8_t>> encode_user_pass(std::string_view username,
                                                            std::string_view password);

// Checks the 2-byte RFC 1929 status reply.
TransportResult<Done> decode_user_pass_reply(std::span<const std::uint8_t, 2> reply);

// CONNECT request. IP literals go as ATYP 1 / 4; every other host goes as ATYP 3
// (domain name), so the proxy resolves it and nothing reaches local DNS. Fails
// (invalid_target) for an empty host or one over 255 bytes.
TransportResult<std::vector<std::uint8_t>> encode_connect(std::string_view host, std::uint16_t port);

// Checks the first 5 bytes of a CONNECT reply (VER REP RSV ATYP and the first address
// byte) and returns how many bytes of the reply remain to be read (rest of BND.ADDR +
// BND.PORT), or a proxy error naming the reply code.
TransportResult<std::size_t> decode_connect_reply_head(std::span<const std::uint8_t, 5> head);

}  // namespace bigbrotr::utils::socks5
