#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>
#include <string>

// A TCP port on 127.0.0.1 that takes connections (the kernel completes the handshake from
// its backlog) and never says a word: the peer that only a timeout gets rid of.
namespace bigbrotr::testing {

class SilentLoopbackListener {
 public:
  SilentLoopbackListener() : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof(address);
    if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&address), size) != 0 || ::listen(fd_, 64) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
      if (fd_ >= 0) ::close(fd_);
      throw std::runtime_error("cannot listen on 127.0.0.1");
    }
    port_ = ntohs(address.sin_port);
  }
  ~SilentLoopbackListener() { ::close(fd_); }
  SilentLoopbackListener(const SilentLoopbackListener&) = delete;
  SilentLoopbackListener& operator=(const SilentLoopbackListener&) = delete;

  std::string url() const { return "ws://127.0.0.1:" + std::to_string(port_); }

 private:
  int fd_;
  int port_ = 0;
};

}  // namespace bigbrotr::testing
