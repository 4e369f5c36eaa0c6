#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

// Loopback ports for tests that need one nothing listens on (a dead relay) or a server
// must bind (metrics endpoints, Prometheus).
namespace bigbrotr::testing {

// A TCP port on 127.0.0.1 that was free a moment ago: one the kernel handed out and took back.
inline int free_loopback_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof(address);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), size);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
  ::close(fd);
  return ntohs(address.sin_port);
}

// A relay URL on loopback that nothing listens on.
inline std::string dead_loopback_url() { return "ws://127.0.0.1:" + std::to_string(free_loopback_port()); }

}  // namespace bigbrotr::testing
