#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "models/result.hpp"

// A minimal, blocking Nostr client for the peer tests: just enough WebSocket and HTTP to
// look at exactly what a relay sends. Every call takes a timeout. ws:// and wss:// (TLS
// without certificate checks: the fixture's certificate is self-signed); 127.0.0.1 only.
// Not thread-safe; one client per connection.
namespace bigbrotr::testing {

using namespace std::chrono_literals;

// One thing read from the connection.
struct Frame {
  enum class Kind { text, timeout, closed };
  Kind kind = Kind::timeout;
  std::string text;    // the frame when kind == text
  std::string error;   // why the connection ended when kind == closed
  bool clean = false;  // closed with a WebSocket close frame (not a bare TCP end)
};

struct HttpReply {
  int status = 0;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
};

class NostrTestClient {
 public:
  // Connects and upgrades. Fails with the reason ("upgrade declined: HTTP 200", ...) when
  // the relay does not become a WebSocket within `timeout`.
  static models::Result<std::unique_ptr<NostrTestClient>> connect(const std::string& url,
                                                                  std::chrono::milliseconds timeout = 5s);
  ~NostrTestClient();
  NostrTestClient(const NostrTestClient&) = delete;
  NostrTestClient& operator=(const NostrTestClient&) = delete;

  // A header of the upgrade response ("" when absent); `name` in any case.
  std::string upgrade_header(const std::string& name) const;
  // Sends one text frame; false when the connection is gone.
  bool send(const std::string& text, std::chrono::milliseconds timeout = 5s);
  // The next frame. After a timeout the connection is unusable (the read was cancelled).
  Frame read(std::chrono::milliseconds timeout = 5s);

  struct Impl;

 private:
  explicit NostrTestClient(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// GET url with the given Accept header; nullopt when no answer came within `timeout`.
std::optional<HttpReply> http_get(const std::string& url, const std::string& accept,
                                  std::chrono::milliseconds timeout = 5s);

}  // namespace bigbrotr::testing
