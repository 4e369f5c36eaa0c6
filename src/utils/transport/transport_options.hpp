#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "models/ip_literal.hpp"

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

// The step a connection attempt has reached. A caller whose own deadline cancels the
// attempt (the checks cap their total time) reads it to say which step hung: "the
// WebSocket upgrade did not finish in time", not "connect".
enum class ConnectPhase : std::uint8_t { resolve, connect, proxy, tls, upgrade, open };

// "name resolution", "TCP connect", "SOCKS5 negotiation", "TLS handshake", "WebSocket
// upgrade", "open".
std::string_view to_string(ConnectPhase phase) noexcept;

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

  // The DNS server that resolves target names (and the proxy's), "ip" or "ip:port";
  // empty = the system's (hosts file, then /etc/resolv.conf). Tests point it at a
  // loopback dnsmasq; operators at a resolver they trust.
  std::string dns_server;

  // Set by the HTTP client on every redirect hop: the scope (models::AddressScope) of the
  // address the first request reached. A hop whose name resolves to an address of
  // another scope is refused_local, whatever allow_local says, so a public relay cannot
  // redirect us into the operator's network and a local one cannot send us to a
  // link-local metadata service.
  std::optional<models::AddressScope> required_scope;

  // Extra PEM file of trusted CA certificates, added to the system store (tests, private
  // deployments). Empty means the system store only.
  std::string extra_ca_file;

  std::string user_agent = "bigbrotr/0.1";

  // When set, the transport writes the step each attempt is in (dial: resolve, connect,
  // proxy; then tls, upgrade for WebSockets and HTTPS, open when connected). Shared with
  // the caller, who reads it after cancelling the attempt; touched only on the caller's
  // executor.
  std::shared_ptr<ConnectPhase> phase;
};

}  // namespace bigbrotr::utils
