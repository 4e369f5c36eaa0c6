#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <cstdint>
#include <string>

#include "utils/transport/transport_error.hpp"
#include "utils/transport/transport_options.hpp"

// Opening TCP connections under the transport's rules (proxy, SSRF guard, timeout).
namespace bigbrotr::utils {

// Connects to host:port (host lower-case, IPv6 without brackets):
//   - with options.proxy: connects to the proxy (its host resolved by the system
//     resolver) and negotiates SOCKS5 CONNECT with the target NAME; nothing about the
//     target is resolved locally;
//   - without: resolves host (c-ares, options.dns_server or the system's), refuses the
//     answer if any address is local/reserved (unless options.allow_local) or, when
//     options.required_scope is set, of another scope, and connects to those same
//     addresses in order: what was guarded is what is dialled, so a second lookup
//     (DNS rebinding) never comes into it.
// This is the only way the program opens an outbound connection to a relay or a URL
// taken from the network; every check and service dials through it.
// check_target_host (address_guard.hpp) runs first in both cases. Everything is bounded
// by options.connect_timeout (a blocking system lookup in progress cannot be
// interrupted; its own timeout, connect_timeout too, bounds it). Returns the connected socket.
boost::asio::awaitable<TransportResult<boost::asio::ip::tcp::socket>> dial(std::string host,
                                                                           std::uint16_t port,
                                                                           TransportOptions options);

}  // namespace bigbrotr::utils
