#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>

// A tiny HTTP/1.1 server on 127.0.0.1 and a kernel-chosen port, for tests of HTTP
// clients: each path answers with a fixed status and body (404 for unknown paths), one
// request per connection ("Connection: close"). Requests per path are counted. Runs on
// its own thread; the destructor stops it. Every wait is bounded (poll with 100 ms ticks).
namespace bigbrotr::testing {

class LoopbackHttpServer {
 public:
  struct Response {
    int status = 200;
    std::string body;
    std::string content_type = "application/json";
  };

  LoopbackHttpServer() {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (listener_ < 0) throw std::runtime_error("http server: no socket");
    const int yes = 1;
    ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof(address);
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), size) != 0 || ::listen(listener_, 16) != 0 ||
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
      ::close(listener_);
      throw std::runtime_error("http server: cannot listen");
    }
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~LoopbackHttpServer() {
    stopping_ = true;
    thread_.join();
    ::close(listener_);
  }
  LoopbackHttpServer(const LoopbackHttpServer&) = delete;
  LoopbackHttpServer& operator=(const LoopbackHttpServer&) = delete;

  int port() const { return port_; }
  // "http://127.0.0.1:<port><path>".
  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

  void route(const std::string& path, Response response) {
    const std::lock_guard lock(mutex_);
    routes_[path] = std::move(response);
  }
  int requests(const std::string& path) const {
    const std::lock_guard lock(mutex_);
    const auto found = hits_.find(path);
    return found == hits_.end() ? 0 : found->second;
  }

 private:
  void serve() {
    while (!stopping_) {
      pollfd ready{listener_, POLLIN, 0};
      if (::poll(&ready, 1, 100) <= 0) continue;
      const int client = ::accept(listener_, nullptr, nullptr);
      if (client < 0) continue;
      answer(client);
      ::close(client);
    }
  }

  void answer(int client) {
    std::string request;
    char chunk[4096];
    while (request.find("\r\n\r\n") == std::string::npos && request.size() < 65536) {
      pollfd readable{client, POLLIN, 0};
      if (::poll(&readable, 1, 2000) <= 0) return;
      const ssize_t got = ::read(client, chunk, sizeof(chunk));
      if (got <= 0) return;
      request.append(chunk, static_cast<std::size_t>(got));
    }
    const auto start = request.find(' ');
    const auto end = request.find(' ', start + 1);
    if (start == std::string::npos || end == std::string::npos) return;
    const std::string path = request.substr(start + 1, end - start - 1);
    Response response{404, "{}", "application/json"};
    {
      const std::lock_guard lock(mutex_);
      ++hits_[path];
      if (const auto found = routes_.find(path); found != routes_.end()) response = found->second;
    }
    const std::string reply = "HTTP/1.1 " + std::to_string(response.status) +
                              " X\r\nContent-Type: " + response.content_type +
                              "\r\nContent-Length: " + std::to_string(response.body.size()) +
                              "\r\nConnection: close\r\n\r\n" + response.body;
    std::size_t sent = 0;
    while (sent < reply.size()) {
      const ssize_t wrote = ::send(client, reply.data() + sent, reply.size() - sent, MSG_NOSIGNAL);
      if (wrote <= 0) return;
      sent += static_cast<std::size_t>(wrote);
    }
  }

  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mutex_;
  std::map<std::string, Response> routes_;
  std::map<std::string, int> hits_;
  std::thread thread_;
};

}  // namespace bigbrotr::testing
