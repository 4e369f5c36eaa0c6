#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "integration/checks/child_process.hpp"
#include "models/event.hpp"
#include "models/relay.hpp"
#include "utils/keys.hpp"
#include "utils/transport/transport_options.hpp"

// Shared by the network check suites (nip11 fetch, rtt, http, the runner): running one
// coroutine to completion, loopback relays, short timeouts, test certificates.
namespace bigbrotr::testing {

// The network timeout the suites use: long enough for a sanitized build under load,
// short enough that the timeout cases stay quick.
inline constexpr std::chrono::milliseconds kCheckTimeout{2000};

// Runs `operation` on a fresh io_context until it completes (its result must be
// default-constructible, as use_future needs).
template <class T>
T run_check(boost::asio::awaitable<T> operation) {
  boost::asio::io_context io;
  auto future = boost::asio::co_spawn(io, std::move(operation), boost::asio::use_future);
  io.run();
  return future.get();
}

// A loopback relay URL (ws:// or wss://127.0.0.1:<port>) as a Relay.
inline models::Relay local_relay(const std::string& url) {
  return models::Relay::parse(url, models::RelayParseOptions{.allow_local = true}).value();
}

// Transport options that may reach loopback relays.
inline utils::TransportOptions local_transport() {
  utils::TransportOptions options;
  options.allow_local = true;
  return options;
}

inline std::string write_text(const TempDir& dir, const std::string& name, const std::string& text) {
  const auto path = dir.path() / name;
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

// An NDJSON file of `count` authentic kind 1 events, for the fixture relay's --data.
inline std::string write_events(const TempDir& dir, int count) {
  const utils::Keys keys = utils::Keys::generate();
  std::string lines;
  for (int i = 0; i < count; ++i)
    lines += models::Event::sign(1700000000 + i, 1, {}, "event " + std::to_string(i), keys.secret_key())
                 .to_json() +
             "\n";
  return write_text(dir, "events.ndjson", lines);
}

// A self-signed certificate for 127.0.0.1 (cert.pem, key.pem in `dir`), made by the
// openssl CLI: a wss fixture relay with it fails verification unless its file is trusted.
inline void make_self_signed_certificate(const TempDir& dir) {
  const std::string command =
      "cd '" + dir.path().string() +
      "' && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes "
      "-keyout key.pem -out cert.pem -days 2 -subj '/CN=127.0.0.1' "
      "-addext 'subjectAltName=IP:127.0.0.1' 2>&1";
  std::string out;
  if (run_shell(command, &out) != 0) throw std::runtime_error("openssl failed: " + out);
}

// A TCP listener on 127.0.0.1 that accepts (the kernel completes the handshake) and
// never answers: the peer that hangs after connect. Closed on destruction.
class SilentListener {
 public:
  SilentListener() : fd_(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(fd_, 4) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      ::close(fd_);
      throw std::runtime_error("cannot listen on 127.0.0.1");
    }
    port_ = ntohs(address.sin_port);
  }
  ~SilentListener() { ::close(fd_); }
  SilentListener(const SilentListener&) = delete;
  SilentListener& operator=(const SilentListener&) = delete;

  int port() const { return port_; }

 private:
  int fd_;
  int port_ = 0;
};

}  // namespace bigbrotr::testing
