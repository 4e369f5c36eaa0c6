#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

// A slowloris attack on a loopback HTTP server: `count` connections that each send one
// byte of a request header every `interval` and never finish it. A connection the server
// closes is reopened at its next tick, as a real attacker would, so the pressure lasts
// until the destructor. Everything runs on one thread of its own with non-blocking
// sockets; every wait is bounded.
namespace bigbrotr::testing {

class SlowHeaderClients {
 public:
  SlowHeaderClients(int port, int count, std::chrono::milliseconds interval)
      : port_(port), interval_(interval), connections_(static_cast<std::size_t>(count)) {
    const auto now = Clock::now();
    // Ticks spread over one interval, so the bytes arrive as a steady trickle.
    for (std::size_t i = 0; i < connections_.size(); ++i) {
      connections_[i].next_tick = now + interval_ * static_cast<int>(i) / std::max(count, 1);
      open(connections_[i]);
    }
    thread_ = std::thread([this] { run(); });
  }
  ~SlowHeaderClients() {
    stop_ = true;
    thread_.join();
    for (Connection& connection : connections_) close(connection);
  }
  SlowHeaderClients(const SlowHeaderClients&) = delete;
  SlowHeaderClients& operator=(const SlowHeaderClients&) = delete;

  // Connections opened so far, reopenings included.
  int opened() const { return opened_; }
  // Connections the server closed (or reset).
  int closed_by_server() const { return closed_by_server_; }
  // One header byte sent so far per connection, at most; the bytes sent in total.
  int bytes_sent() const { return bytes_sent_; }

 private:
  using Clock = std::chrono::steady_clock;
  // Never completes: the header grows by one 'a' per tick after this prefix.
  static constexpr std::string_view kHeader = "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";

  struct Connection {
    int fd = -1;
    std::size_t sent = 0;
    Clock::time_point next_tick;
  };

  void open(Connection& connection) {
    connection.fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    connection.sent = 0;
    if (connection.fd < 0) return;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port_));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    // Non-blocking: EINPROGRESS is the usual answer; a send before the handshake is done
    // fails with EAGAIN and is simply retried at the next tick.
    ::connect(connection.fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
    ++opened_;
  }
  static void close(Connection& connection) {
    if (connection.fd >= 0) ::close(connection.fd);
    connection.fd = -1;
  }

  void tick(Connection& connection) {
    if (connection.fd < 0) open(connection);
    if (connection.fd < 0) return;
    const char byte = connection.sent < kHeader.size() ? kHeader[connection.sent] : 'a';
    if (::send(connection.fd, &byte, 1, MSG_NOSIGNAL) == 1) {
      ++connection.sent;
      ++bytes_sent_;
    }
  }

  // Notices connections the server ended: readable with nothing (or an answer) to read.
  void reap(std::vector<pollfd>& polled) {
    if (::poll(polled.data(), polled.size(), 20) <= 0) return;
    for (std::size_t i = 0; i < polled.size(); ++i) {
      if (polled[i].revents == 0 || connections_[i].fd != polled[i].fd) continue;
      char drain[512];
      const ssize_t got = ::recv(polled[i].fd, drain, sizeof(drain), MSG_DONTWAIT);
      if (got > 0) continue;  // an answer (408, 431...); the close follows
      if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) continue;
      close(connections_[i]);
      ++closed_by_server_;
    }
  }

  void run() {
    std::vector<pollfd> polled(connections_.size());
    while (!stop_) {
      const auto now = Clock::now();
      for (std::size_t i = 0; i < connections_.size(); ++i) {
        Connection& connection = connections_[i];
        if (now >= connection.next_tick) {
          tick(connection);
          connection.next_tick = now + interval_;
        }
        polled[i] = pollfd{connection.fd, POLLIN, 0};
      }
      reap(polled);
    }
  }

  int port_;
  std::chrono::milliseconds interval_;
  std::vector<Connection> connections_;
  std::atomic<bool> stop_{false};
  std::atomic<int> opened_{0};
  std::atomic<int> closed_by_server_{0};
  std::atomic<int> bytes_sent_{0};
  std::thread thread_;
};

}  // namespace bigbrotr::testing
