#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

// Per-call knobs of the transport layer. Plain values: services map their config
// (core/config/networks_config.hpp) onto these; utils never reads config itself.
namespace bigbrotr::utils {

// A SOCKS5 proxy (RFC 1928), optionally with username/password auth (RFC 1929). `host` is
// resolved with the system resolver (it is operator configuration, e.g. "tor" in a
// compose file); the targets reached through it are always resolved by the proxy.
struct Socks5Proxy {
  std::string host;
  std::uint16_t port = 9050;
  std::optional<std::string> username;  // both set, or neither; each at most 255 bytes
  std::optional<std::string> password;
};

// Options of one transport call (a WebSocket connect, an HTTP GET). Timeouts are per
// step: resolve + TCP connect (+ SOCKS5) share connect_timeout; the TLS handshake and
// the HTTP upgrade each get handshake_timeout; every read and write its own timeout.
struct TransportOptions {
  std::chrono::milliseconds connect_timeout{std::chrono::seconds(10)};
  std::chrono::milliseconds handshake_timeout{std::chrono::seconds(10)};
  std::chrono::milliseconds read_timeout{std::chrono::seconds(10)};
  std::chrono::milliseconds write_timeout{std::chrono::seconds(10)};

  // Largest WebSocket message accepted, in bytes. NIP-01 sets no limit; 4 MiB holds the
  // largest events seen in the wild (contact lists with thousands of p tags, long-form
  // articles, relay-sized NIP-11 blobs) with room to spare, while bounding what one
  // hostile relay can make us buffer. A bigger message fails the read with too_large
  // and drops the connection.
  std::size_t max_message_size = std::size_t{4} * 1024 * 1024;

  // After a certificate verification failure, reconnect once without verification and
  // mark the result insecure. Never applies to other TLS failures.
  bool allow_insecure = false;

  // Reach every target through this proxy; the target name is sent to the proxy
  // (ATYP=domain), so nothing is resolved locally. Mandatory for tor / i2p / loki hosts.
  std::optional<Socks5Proxy> proxy;

  // SSRF guard: without a proxy, targets are resolved locally and refused when any
  // address lies in a local / reserved range (models::is_reserved_*), unless this is set.
  bool allow_local = false;

  // Extra PEM file of trusted CA certificates, added to the system store (tests, private
  // deployments). Empty means the system store only.
  std::string extra_ca_file;

  std::string user_agent = "bigbrotr/0.1";
};

}  // namespace bigbrotr::utils
