#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

// A raw TCP client on 127.0.0.1 for tests that speak HTTP byte by byte to a server:
// partial headers, pipelined requests, keep-alive, and watching for the server's close.
// Every wait is bounded by its argument.
namespace bigbrotr::testing {

class LoopbackClient {
 public:
  using Clock = std::chrono::steady_clock;

  // Connects within `limit` (a server whose backlog is full never completes the
  // handshake); throws std::runtime_error when it cannot.
  explicit LoopbackClient(int port, std::chrono::milliseconds limit = std::chrono::seconds(10))
      : fd_(::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool started =
        fd_ >= 0 &&
        (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0 || errno == EINPROGRESS);
    pollfd writable{fd_, POLLOUT, 0};
    int error = 0;
    socklen_t size = sizeof(error);
    if (!started || ::poll(&writable, 1, static_cast<int>(limit.count())) != 1 ||
        ::getsockopt(fd_, SOL_SOCKET, SO_ERROR, &error, &size) != 0 || error != 0) {
      if (fd_ >= 0) ::close(fd_);
      throw std::runtime_error("cannot connect to 127.0.0.1:" + std::to_string(port) + " within " +
                               std::to_string(limit.count()) + " ms");
    }
    ::fcntl(fd_, F_SETFL, ::fcntl(fd_, F_GETFL) & ~O_NONBLOCK);
  }
  ~LoopbackClient() { ::close(fd_); }
  LoopbackClient(const LoopbackClient&) = delete;
  LoopbackClient& operator=(const LoopbackClient&) = delete;

  // False when the server has closed (or reset) the connection.
  bool send(const std::string& bytes) {
    return ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size());
  }

  // One response: the header and, unless `head`, the Content-Length bytes of body after
  // it; nullopt when the connection ended or `limit` passed first.
  std::optional<std::string> read_response(std::chrono::milliseconds limit, bool head = false) {
    const auto deadline = Clock::now() + limit;
    for (;;) {
      if (auto response = take_response(head)) return response;
      if (!receive_until(deadline)) return std::nullopt;
    }
  }

  // True when the server closes the connection within `limit` (anything it sends first
  // is kept in received()).
  bool closed_within(std::chrono::milliseconds limit) {
    const auto deadline = Clock::now() + limit;
    while (receive_until(deadline)) {
    }
    return closed_;
  }

  const std::string& received() const { return buffer_; }

 private:
  // Receives once; false at the deadline or when the connection ended.
  bool receive_until(Clock::time_point deadline) {
    while (!closed_) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
      if (left <= 0) return false;
      pollfd readable{fd_, POLLIN, 0};
      if (::poll(&readable, 1, static_cast<int>(std::min<long long>(left, 100))) <= 0) continue;
      char chunk[16384];
      const ssize_t got = ::recv(fd_, chunk, sizeof(chunk), 0);
      if (got <= 0) {
        closed_ = true;
        return false;
      }
      buffer_.append(chunk, static_cast<std::size_t>(got));
      return true;
    }
    return false;
  }

  std::optional<std::string> take_response(bool head) {
    const auto header_end = buffer_.find("\r\n\r\n");
    if (header_end == std::string::npos) return std::nullopt;
    std::size_t length = 0;
    if (const auto field = lowered(buffer_.substr(0, header_end)).find("\r\ncontent-length:");
        field != std::string::npos && !head) {
      length = std::stoul(buffer_.substr(field + 17));
    }
    const std::size_t total = header_end + 4 + length;
    if (buffer_.size() < total) return std::nullopt;
    std::string response = buffer_.substr(0, total);
    buffer_.erase(0, total);
    return response;
  }

  static std::string lowered(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
  }

  int fd_;
  std::string buffer_;
  bool closed_ = false;
};

// The status code of a response read by LoopbackClient, or 0.
inline int status_of(const std::optional<std::string>& response) {
  if (!response || !response->starts_with("HTTP/1.") || response->size() < 12) return 0;
  return std::stoi(response->substr(9, 3));
}

}  // namespace bigbrotr::testing
