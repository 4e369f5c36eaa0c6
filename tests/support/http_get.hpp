#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <optional>
#include <string>

#include "support/free_loopback_port.hpp"

// A minimal HTTP/1.0 GET on loopback for tests that read a server's answer (metrics
// endpoints, Prometheus' API): no TLS, no redirects, bounded by `timeout`.
namespace bigbrotr::testing {

struct HttpAnswer {
  int status = 0;
  std::string body;
};

// nullopt when nothing answered within `timeout` or the answer is not HTTP.
inline std::optional<HttpAnswer> http_get(int port, const std::string& target,
                                          std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return std::nullopt;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string response;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0) {
    const std::string request = "GET " + target + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
    if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size())) {
      const auto deadline = std::chrono::steady_clock::now() + timeout;
      char chunk[4096];
      while (std::chrono::steady_clock::now() < deadline) {
        pollfd readable{fd, POLLIN, 0};
        if (::poll(&readable, 1, 100) <= 0) continue;
        const ssize_t got = ::recv(fd, chunk, sizeof(chunk), 0);
        if (got <= 0) break;
        response.append(chunk, static_cast<std::size_t>(got));
      }
    }
  }
  ::close(fd);
  const auto header_end = response.find("\r\n\r\n");
  if (!response.starts_with("HTTP/1.") || header_end == std::string::npos || response.size() < 12) return std::nullopt;
  return HttpAnswer{std::stoi(response.substr(9, 3)), response.substr(header_end + 4)};
}

}  // namespace bigbrotr::testing
