#pragma once

#include <boost/asio/ssl/context.hpp>

#include <memory>
#include <optional>
#include <string>

#include "utils/transport/transport_error.hpp"

// TLS client set-up shared by the WebSocket and HTTP clients (OpenSSL through Asio).
namespace bigbrotr::utils {

// A client context for TLS 1.2+. With `verify`, peers are checked against the system
// store (set_default_verify_paths) plus `extra_ca_file` when not empty; without, nothing
// is checked (the insecure fallback). Fails (tls) when the CA file cannot be loaded.
//
// Built once per (verify, extra_ca_file and its modification time) and shared by every
// caller, on any thread: callers create their SSL objects from it and must not change
// it. A failure is not kept, so a CA file fixed later is read on the next call.
TransportResult<std::shared_ptr<boost::asio::ssl::context>> make_tls_context(
    bool verify, const std::string& extra_ca_file);

// Prepares one connection's SSL handle for `host` (lower-case, IPv6 without brackets):
// SNI for names (never for IP literals, RFC 6066 §3), and when `verify` the identity
// check: SSL_set1_host for names, the IP SAN for IP literals.
TransportResult<Done> prepare_tls_session(SSL* ssl, const std::string& host, bool verify);

// After a failed handshake: OpenSSL's certificate verification error (its X509_V_ERR_*
// text, e.g. "self-signed certificate"), or nullopt when the failure was not about the
// certificate.
std::optional<std::string> certificate_failure(SSL* ssl);

}  // namespace bigbrotr::utils
