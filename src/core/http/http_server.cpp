#include "core/http/http_server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <stdexcept>
#include <thread>

#include "core/http/http_connection.hpp"

namespace bigbrotr::core {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);
// An accept that fails for want of file descriptors fails again at once; pausing lets
// closing connections return some instead of spinning.
constexpr auto kAcceptRetryPause = std::chrono::milliseconds(100);

std::string authority(const std::string& host, std::uint16_t port) {
  const bool ipv6 = host.find(':') != std::string::npos && !host.starts_with('[');
  return (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

// Listens on the first address of `host` that binds and returns the port; throws naming
// the address.
std::uint16_t listen(tcp::acceptor& acceptor, const std::string& host, std::uint16_t port) {
  tcp::resolver resolver(acceptor.get_executor());
  boost::system::error_code ec;
  const auto endpoints = resolver.resolve(host, std::to_string(port), tcp::resolver::passive, ec);
  for (const auto& entry : endpoints) {
    if (acceptor.is_open()) acceptor.close();
    acceptor.open(entry.endpoint().protocol(), ec);
    if (!ec) acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
    if (!ec) acceptor.bind(entry.endpoint(), ec);
    if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (!ec) return acceptor.local_endpoint().port();
  }
  if (!ec) ec = asio::error::host_not_found;
  throw std::runtime_error("cannot listen on " + authority(host, port) + ": " + ec.message());
}

}  // namespace

struct HttpServer::State {
  State(const std::string& host, std::uint16_t requested_port, HttpRoutes served, HttpLimits bounds,
        Logger logger, HttpDropObserver on_drop)
      : port(listen(acceptor, host, requested_port)),
        routes(std::move(served)),
        limits(bounds),
        drops(std::move(logger), "http://" + authority(host, port), std::move(on_drop)),
        connections(routes, limits, drops) {}

  // Admits a new connection (closing the one it replaces) or refuses it.
  void admit(tcp::socket socket) {
    boost::system::error_code ec;
    const auto peer = socket.remote_endpoint(ec);
    if (ec) return;  // gone already
    const auto admission = connections.table.admit(peer.address().to_string());
    if (admission.evicted) {
      connections.close(*admission.evicted);
      drops.record(HttpDrop::evicted);
    }
    if (!admission.admitted) {
      drops.record(HttpDrop::refused);
      return;  // the socket closes here
    }
    asio::co_spawn(io, serve_connection(connections, std::move(socket), *admission.admitted), asio::detached);
  }

  asio::awaitable<void> accept_connections() {
    for (;;) {
      auto [ec, socket] = co_await acceptor.async_accept(kNoThrow);
      if (connections.stopping || ec == asio::error::operation_aborted) co_return;
      if (!ec) {
        admit(std::move(socket));
        continue;
      }
      asio::steady_timer pause(io, kAcceptRetryPause);
      co_await pause.async_wait(kNoThrow);
    }
  }

  void stop() {
    connections.stopping = true;
    boost::system::error_code ignored;
    acceptor.close(ignored);
    connections.close_all();
  }

  asio::io_context io{1};
  tcp::acceptor acceptor{io};
  std::uint16_t port;
  HttpRoutes routes;
  HttpLimits limits;
  HttpDropLog drops;
  HttpConnections connections;
  std::thread thread;
};

HttpServer::HttpServer(const std::string& host, std::uint16_t port, HttpRoutes routes, HttpLimits limits,
                       Logger logger, HttpDropObserver on_drop)
    : state_(std::make_unique<State>(host, port, std::move(routes), limits, std::move(logger),
                                     std::move(on_drop))) {
  asio::co_spawn(state_->io, state_->accept_connections(), asio::detached);
  state_->thread = std::thread([&io = state_->io] { io.run(); });
}

// bugprone-exception-escape: join() throws only on the server's own thread, which never
// destroys the server; post() and the log only when memory runs out.
// NOLINTNEXTLINE(bugprone-exception-escape)
HttpServer::~HttpServer() {
  asio::post(state_->io, [&state = *state_] { state.stop(); });
  state_->thread.join();
  state_->drops.flush();
}

std::uint16_t HttpServer::port() const noexcept { return state_->port; }

HttpDropCounts HttpServer::drops() const { return state_->drops.totals(); }

}  // namespace bigbrotr::core
