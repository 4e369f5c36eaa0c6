#pragma once

#include <boost/system/error_code.hpp>

#include <string_view>

#include "utils/transport/transport_error.hpp"

// Maps Asio / Beast / OpenSSL error codes onto TransportError kinds, by category and
// value (never by message text).
namespace bigbrotr::utils {

// `during` names the step ("connect", "read", ...) and goes into the reason.
TransportError io_error(const boost::system::error_code& ec, std::string_view during);

// A failed TLS handshake that was not about the certificate: `tls` (a peer that resets or
// speaks something else is not a TLS server), or `timeout`.
TransportError tls_handshake_error(const boost::system::error_code& ec);

}  // namespace bigbrotr::utils
