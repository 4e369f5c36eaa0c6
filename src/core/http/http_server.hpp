#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/http/http_drops.hpp"
#include "core/http/http_limits.hpp"
#include "core/http/http_routes.hpp"
#include "core/logging/logger.hpp"

// A small hardened HTTP/1.1 server for read-only endpoints (Prometheus metrics, a JSON
// API): GET and HEAD of fixed paths, keep-alive, no request bodies, and HttpLimits on
// every byte, second and connection a client can hold. Beast stays in http_server.cpp.
namespace bigbrotr::core {

class HttpServer {
 public:
  // Binds `host` (an IP literal or a name resolved now; the first address that binds
  // wins) on `port` (0: any free port), then serves `routes` on a thread of its own with
  // its own io_context until destroyed. Drops are counted, logged through `logger` and
  // passed to `on_drop` (on the server's thread) when it is set. Throws
  // std::runtime_error naming the address when it cannot listen.
  HttpServer(const std::string& host, std::uint16_t port, HttpRoutes routes, HttpLimits limits, Logger logger,
             HttpDropObserver on_drop = {});
  // Stops accepting, closes every connection, waits for the thread and logs the drops
  // not reported yet.
  ~HttpServer();  // NOLINT(bugprone-exception-escape): see the definition
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // The port it listens on (the chosen one when constructed with 0).
  std::uint16_t port() const noexcept;
  // Drops since the start, by reason; thread-safe.
  HttpDropCounts drops() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace bigbrotr::core
