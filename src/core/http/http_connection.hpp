#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <functional>
#include <unordered_map>

#include "core/http/connection_table.hpp"
#include "core/http/http_drops.hpp"
#include "core/http/http_limits.hpp"
#include "core/http/http_routes.hpp"

// One connection of the HTTP server, from accept to close (an implementation part of
// HttpServer, split out to keep each file to one job).
namespace bigbrotr::core {

// What the connections of one server share. Used only on the server's I/O thread.
struct HttpConnections {
  HttpConnections(const HttpRoutes& served, const HttpLimits& bounds, HttpDropLog& drop_log)
      : routes(served),
        limits(bounds),
        drops(drop_log),
        table(bounds.max_connections, bounds.max_connections_per_client) {}

  // Closes connection `id` if it is open: its pending read or write fails and its
  // coroutine ends.
  void close(ConnectionTable::Id id) const;
  // Closes every open connection (the server is stopping).
  void close_all() const;

  const HttpRoutes& routes;
  const HttpLimits& limits;
  HttpDropLog& drops;
  ConnectionTable table;
  // How to close each connection whose coroutine is running.
  std::unordered_map<ConnectionTable::Id, std::function<void()>> closers;
  bool stopping = false;
};

// Serves the requests of connection `id` (admitted into `connections.table`) on `socket`
// until the client leaves, a limit ends it, or it is closed through `connections`; its
// place in the table is freed when this returns. Counts its own drops (timeouts, 400, 431).
boost::asio::awaitable<void> serve_connection(HttpConnections& connections,
                                              boost::asio::ip::tcp::socket socket, ConnectionTable::Id id);

}  // namespace bigbrotr::core
