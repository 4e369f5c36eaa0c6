#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "models/relay.hpp"

// Helpers for the transport integration suite: running a coroutine to completion, the
// test certificates (made with the openssl CLI) and a microsocks proxy process.
namespace bigbrotr::testing {

// Runs `task` on a fresh io_context until it completes and returns its value. (The value
// goes through an optional: co_spawn's future wants a default-constructible T.)
template <class T>
T run_sync(boost::asio::awaitable<T> task) {
  boost::asio::io_context context;
  std::optional<T> result;
  auto store = [](boost::asio::awaitable<T> inner, std::optional<T>& out) -> boost::asio::awaitable<void> {
    out.emplace(co_await std::move(inner));
  };
  auto future = boost::asio::co_spawn(context, store(std::move(task), result), boost::asio::use_future);
  context.run();
  future.get();
  return std::move(*result);
}

inline void run_sync(boost::asio::awaitable<void> task) {
  boost::asio::io_context context;
  auto future = boost::asio::co_spawn(context, std::move(task), boost::asio::use_future);
  context.run();
  future.get();
}

// "ws://127.0.0.1:<port><path>" (or another scheme / host), parsed with allow_local.
models::Relay local_relay(std::uint16_t port, const std::string& path = "/", const std::string& scheme = "ws",
                          const std::string& host = "127.0.0.1");

// Test PKI in a temporary directory, made once per process: a CA, a server certificate
// signed by it, and a self-signed certificate; both for localhost and 127.0.0.1.
struct Certificates {
  std::string directory;
  std::string ca_certificate;
  std::string server_certificate;
  std::string server_key;
  std::string self_signed_certificate;
  std::string self_signed_key;
};
const Certificates& certificates();

// A port on 127.0.0.1 that was free a moment ago.
std::uint16_t free_port();

// microsocks listening on 127.0.0.1:port (optionally with -u/-P), killed on destruction.
class Microsocks {
 public:
  explicit Microsocks(std::optional<std::string> username = std::nullopt,
                      std::optional<std::string> password = std::nullopt);
  ~Microsocks();
  Microsocks(const Microsocks&) = delete;
  Microsocks& operator=(const Microsocks&) = delete;
  std::uint16_t port() const { return port_; }

 private:
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
};

}  // namespace bigbrotr::testing
