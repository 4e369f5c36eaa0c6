#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>

#include "models/relay.hpp"
#include "nips/check_result.hpp"
#include "utils/transport/transport_options.hpp"

// The nip66_ssl check (nips.md §5.2), through the transport's one guarded dial path
// (utils/transport/dial.hpp): the relay's name is resolved once per connection, every
// address is checked by the SSRF guard, and the TLS handshake runs on the very socket
// that was guarded. A name that resolves to a local address is refused before anything
// is sent to it, as for the nip11, rtt and http checks.
namespace bigbrotr::nips {

struct SslCheckOptions {
  // The dial's rules: SSRF guard (allow_local), DNS server, extra CA file. Proxies do not
  // apply (the check is clearnet only); connect and handshake are capped at `timeout`.
  utils::TransportOptions transport;
  // The network timeout: bounds each connection's connect and each handshake.
  std::chrono::milliseconds timeout{10000};
};

// Step 1, an unverified handshake to host:port (port = relay port or 443, SNI = host
// unless it is an IP literal), reads the peer certificate: ssl_fingerprint
// ("SHA256:AA:BB:…"), ssl_subject_cn, ssl_issuer (issuer O), ssl_issuer_cn,
// ssl_not_before and ssl_expires (Unix seconds UTC), ssl_san (DNS names), ssl_serial
// (upper-case hex, no leading zeros), ssl_version (0-based: v3 → 2), ssl_protocol
// ("TLSv1.3"), ssl_cipher, ssl_cipher_bits. Step 2, only when step 1 found something: a
// verified handshake on a new connection (system store + extra CA, hostname check) →
// ssl_valid. Failures name the phase: "requires clearnet, got <net>", the dial's reason
// ("resolve: …", "refused_local: …", "refused: …", "connection: …", "timeout: …"), "tls: …" for a
// handshake that failed or timed out, "no certificate data extracted".
boost::asio::awaitable<CheckResult> check_ssl(models::Relay relay, SslCheckOptions options);

}  // namespace bigbrotr::nips
