#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

// A WebSocket + HTTP(S) server on 127.0.0.1 for the transport tests, on its own thread.
// What it does depends on the request path (see test_server.cpp for the table), so one
// server covers the good relay and every hostile one.
namespace bigbrotr::testing {

struct TlsFiles {
  std::string certificate_chain;  // PEM
  std::string private_key;        // PEM
};

class TestServer {
 public:
  explicit TestServer(std::optional<TlsFiles> tls = std::nullopt);
  ~TestServer();
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  std::uint16_t port() const;
  // TCP connections accepted so far.
  int connections() const;
  // Every WebSocket text message received, in order.
  std::vector<std::string> received() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace bigbrotr::testing
