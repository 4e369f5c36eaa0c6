#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "support/listening_process.hpp"

// The fixture relay (tests/fixtures/relay) as a child process on 127.0.0.1 and a port of
// the kernel's choice. A test target gets the binary's path through the compile
// definition FIXTURE_RELAY_BINARY, which bigbrotr_integration_tests() in
// tests/CMakeLists.txt adds to every integration suite (with a build dependency on
// fixture_relay). Example:
//
//   bigbrotr::testing::FixtureRelayProcess relay({"--data", path, "--cap", "5"});
//   connect_to(relay.url());   // "ws://127.0.0.1:<port>"
//
// The destructor stops the relay (SIGTERM, then SIGKILL) and reaps it.
namespace bigbrotr::testing {

#ifdef FIXTURE_RELAY_BINARY
class FixtureRelayProcess {
 public:
  static constexpr std::chrono::seconds kStartTimeout{10};

  // Starts fixture_relay with `options` (its command-line flags, e.g. {"--slow-ms",
  // "50"}); --host and --port are set here. Throws std::runtime_error when it does not
  // report its port within kStartTimeout.
  explicit FixtureRelayProcess(const std::vector<std::string>& options = {})
      : tls_(has_tls(options)), process_(command(options), kStartTimeout) {}

  int port() const { return process_.port(); }
  // "ws://127.0.0.1:<port>", or wss:// when started with --tls-cert.
  std::string url() const {
    return std::string(tls_ ? "wss" : "ws") + "://127.0.0.1:" + std::to_string(port());
  }
  // "http://127.0.0.1:<port>" (https:// with TLS), for NIP-11 requests.
  std::string http_url() const {
    return std::string(tls_ ? "https" : "http") + "://127.0.0.1:" + std::to_string(port());
  }
  // Sends `signal` and returns the wait status (see ListeningProcess::stop).
  int stop(int signal = SIGTERM) noexcept { return process_.stop(signal); }

 private:
  static bool has_tls(const std::vector<std::string>& options) {
    for (const auto& option : options)
      if (option == "--tls-cert") return true;
    return false;
  }
  static std::vector<std::string> command(const std::vector<std::string>& options) {
    std::vector<std::string> argv{FIXTURE_RELAY_BINARY, "--host", "127.0.0.1", "--port", "0"};
    argv.insert(argv.end(), options.begin(), options.end());
    return argv;
  }

  bool tls_;
  ListeningProcess process_;
};
#endif

}  // namespace bigbrotr::testing
