#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <chrono>
#include <cstdint>
#include <string>

#include "utils/transport/transport_error.hpp"
#include "utils/transport/transport_options.hpp"

// The SOCKS5 client handshake as an Asio coroutine (RFC 1928 CONNECT, RFC 1929 auth).
namespace bigbrotr::utils {

// Asks the proxy at the other end of `socket` (already connected to it) to CONNECT to
// host:port. Names travel as ATYP=domain so the proxy resolves them. The whole
// negotiation is bounded by `timeout`. On success the socket is a byte pipe to the
// target; on failure the error is `proxy` (refused auth, reply code, malformed reply,
// proxy closed), `timeout` or `connection`, and the socket must be discarded.
// Not thread-safe; `socket` must outlive the returned awaitable.
boost::asio::awaitable<TransportResult<Done>> socks5_connect(boost::asio::ip::tcp::socket& socket,
                                                             Socks5Proxy proxy, std::string host,
                                                             std::uint16_t port,
                                                             std::chrono::milliseconds timeout);

}  // namespace bigbrotr::utils
