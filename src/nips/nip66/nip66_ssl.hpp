#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "models/relay.hpp"
#include "nips/check_result.hpp"
#include "nips/nip66/host_resolution.hpp"

// The nip66_ssl check (nips.md §5.2), on OpenSSL with blocking sockets. Blocking: run
// it on a worker thread.
namespace bigbrotr::nips {

struct SslCheckOptions {
  // Socket timeout for connect and every read/write of a handshake (the network's).
  std::chrono::milliseconds timeout{10000};
  // Connect to this IP instead of resolving the relay's host; SNI and the hostname
  // check still use the host. For tests (127.0.0.1) and for callers that resolved
  // already.
  std::optional<std::string> connect_address;
  // A PEM CA file trusted in addition to the system store (tests inject their CA).
  std::optional<std::string> extra_ca_file;
  // Empty = system_host_resolver().
  HostResolver resolver;
};

// Step 1, an unverified handshake to host:port (port = relay port or 443, SNI = host
// unless it is an IP literal), reads the peer certificate: ssl_fingerprint
// ("SHA256:AA:BB:…"), ssl_subject_cn, ssl_issuer (issuer O), ssl_issuer_cn,
// ssl_not_before and ssl_expires (Unix seconds UTC), ssl_san (DNS names), ssl_serial
// (upper-case hex, no leading zeros), ssl_version (0-based: v3 → 2), ssl_protocol
// ("TLSv1.3"), ssl_cipher, ssl_cipher_bits. Step 2, only when step 1 found something: a
// verified handshake (system store + extra CA, hostname check) → ssl_valid.
// Failures: "requires clearnet, got <net>", "no certificate data extracted".
CheckResult check_ssl(const models::Relay& relay, const SslCheckOptions& options);

}  // namespace bigbrotr::nips
