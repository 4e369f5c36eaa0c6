#pragma once

#include <chrono>
#include <filesystem>
#include <string>

#include "support/listening_process.hpp"

// A relay we did not write: tests/peers/relay.mjs (@nostr-relay/core with an in-memory
// SQLite repository) run by `node` from PATH, on 127.0.0.1 and a free port. Needs
// `npm ci` in tests/peers first (available() says whether it was run) and the compile
// definition BIGBROTR_SOURCE_DIR, which every test target has. The destructor stops the
// relay (SIGTERM, then SIGKILL) and reaps it.
namespace bigbrotr::testing {

class NpmRelayProcess {
 public:
  // Node loads the relay's modules in ~0.5 s on an idle machine, much slower under a build.
  static constexpr std::chrono::seconds kStartTimeout{30};

  // True when the relay's packages are installed (so a suite can skip instead of fail).
  static bool available() {
    return std::filesystem::exists(std::filesystem::path(BIGBROTR_SOURCE_DIR) /
                                   "tests/peers/node_modules/@nostr-relay/core/package.json");
  }

  // Starts `node tests/peers/relay.mjs 0`. Throws std::runtime_error when it does not
  // report its port within kStartTimeout.
  NpmRelayProcess()
      : process_({"node", std::string(BIGBROTR_SOURCE_DIR) + "/tests/peers/relay.mjs", "0"}, kStartTimeout) {}

  int port() const { return process_.port(); }
  // "ws://127.0.0.1:<port>".
  std::string url() const { return "ws://127.0.0.1:" + std::to_string(port()); }
  // "http://127.0.0.1:<port>", for NIP-11 requests.
  std::string http_url() const { return "http://127.0.0.1:" + std::to_string(port()); }

 private:
  ListeningProcess process_;
};

}  // namespace bigbrotr::testing
