// The SSRF guard on every road out of the program: a relay host NAME that resolves to a
// loopback address (IPv4 and ::1), with local targets not allowed, must not get a single
// TCP connection, whatever check or client dials it. The names resolve through a
// loopback dnsmasq; a listener on 127.0.0.1 and [::1] counts what reaches it.
#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include "integration/checks/check_support.hpp"
#include "integration/checks/loopback_dns.hpp"
#include "nips/nip66/nip66_ssl.hpp"
#include "nips/relay_checks.hpp"
#include "utils/transport/http_client.hpp"
#include "utils/transport/relay_client.hpp"
#include "utils/transport/relay_probe.hpp"

namespace bigbrotr::nips {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// Listens on one port of 127.0.0.1 and [::1] and counts accepted connections, closing
// each at once. Its accept loop wakes every 50 ms to see whether it should stop.
class ConnectionCounter {
 public:
  ConnectionCounter() {
    for (int attempt = 0; attempt < 50 && port_ == 0; ++attempt) {
      const int v4 = listen_on(AF_INET, 0);
      const int port = bound_port(v4);
      const int v6 = listen_on(AF_INET6, port);
      if (v6 < 0) {
        ::close(v4);
        continue;
      }
      fds_[0] = v4;
      fds_[1] = v6;
      port_ = port;
    }
    if (port_ == 0) throw std::runtime_error("no port free on both 127.0.0.1 and [::1]");
    thread_ = std::thread([this] { accept_loop(); });
  }
  ~ConnectionCounter() {
    stop_ = true;
    thread_.join();
    for (const int fd : fds_) ::close(fd);
  }
  ConnectionCounter(const ConnectionCounter&) = delete;
  ConnectionCounter& operator=(const ConnectionCounter&) = delete;

  int port() const { return port_; }
  int accepted() const { return accepted_; }

 private:
  static int listen_on(int family, int port) {
    const int fd = ::socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_storage storage{};
    socklen_t length = 0;
    if (family == AF_INET) {
      auto* address = reinterpret_cast<sockaddr_in*>(&storage);
      address->sin_family = AF_INET;
      address->sin_port = htons(static_cast<std::uint16_t>(port));
      address->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      length = sizeof(sockaddr_in);
    } else {
      auto* address = reinterpret_cast<sockaddr_in6*>(&storage);
      address->sin6_family = AF_INET6;
      address->sin6_port = htons(static_cast<std::uint16_t>(port));
      address->sin6_addr = in6addr_loopback;
      length = sizeof(sockaddr_in6);
    }
    if (::bind(fd, reinterpret_cast<sockaddr*>(&storage), length) != 0 || ::listen(fd, 64) != 0) {
      ::close(fd);
      return -1;
    }
    return fd;
  }
  static int bound_port(int fd) {
    sockaddr_in address{};
    socklen_t length = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    return ntohs(address.sin_port);
  }
  void accept_loop() {
    while (!stop_) {
      pollfd waiting[2] = {{fds_[0], POLLIN, 0}, {fds_[1], POLLIN, 0}};
      if (::poll(waiting, 2, 50) <= 0) continue;
      for (const pollfd& one : waiting) {
        if ((one.revents & POLLIN) == 0) continue;
        const int connection = ::accept(one.fd, nullptr, nullptr);
        if (connection < 0) continue;
        ++accepted_;
        ::close(connection);
      }
    }
  }

  int fds_[2] = {-1, -1};
  int port_ = 0;
  std::atomic<int> accepted_{0};
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

class DialGuardTest : public ::testing::Test {
 protected:
  static inline std::unique_ptr<testing::LoopbackDns> dns;
  static void SetUpTestSuite() {
    dns = std::make_unique<testing::LoopbackDns>(std::vector<std::string>{
        "loop4.guard.example,127.0.0.1", "loop6.guard.example,::1", "loopboth.guard.example,127.0.0.1,::1"});
  }
  static void TearDownTestSuite() { dns.reset(); }

  // Local targets not allowed, as for every clearnet relay; names resolve via dnsmasq.
  static utils::TransportOptions guarded() {
    utils::TransportOptions options;
    options.dns_server = dns->server();
    options.connect_timeout = testing::kCheckTimeout;
    options.handshake_timeout = testing::kCheckTimeout;
    options.read_timeout = testing::kCheckTimeout;
    options.write_timeout = testing::kCheckTimeout;
    return options;
  }
  models::Relay relay(const std::string& scheme, const std::string& host) const {
    return models::Relay::parse(scheme + "://" + host + ":" + std::to_string(counter.port())).value();
  }

  ConnectionCounter counter;
};

const std::vector<std::string> kNames{"loop4.guard.example", "loop6.guard.example", "loopboth.guard.example"};

TEST_F(DialGuardTest, EveryCheckRefusesANameThatResolvesToLoopback) {
  boost::asio::thread_pool pool(2);
  for (const std::string& name : kNames) {
    for (const char* scheme : {"ws", "wss"}) {
      RelayCheckOptions options;
      options.transport = guarded();
      options.timeout = testing::kCheckTimeout;
      const auto all = models::all_metadata_types();
      const auto report = testing::run_check(run_relay_checks(
          relay(scheme, name), std::vector<models::MetadataType>(all.begin(), all.end()), options, pool));
      for (const models::MetadataType type :
           {models::MetadataType::nip11_info, models::MetadataType::nip66_rtt,
            models::MetadataType::nip66_ssl, models::MetadataType::nip66_http}) {
        const CheckResult* result = report.find(type);
        ASSERT_NE(result, nullptr) << models::to_string(type);
        EXPECT_FALSE(result->succeeded()) << name << ' ' << models::to_string(type);
        EXPECT_THAT(boost::json::serialize(result->logs), HasSubstr("refused_local"))
            << name << ' ' << scheme << ' ' << models::to_string(type);
      }
    }
  }
  pool.join();
  EXPECT_EQ(counter.accepted(), 0);
}

TEST_F(DialGuardTest, EveryClientRefusesANameThatResolvesToLoopback) {
  for (const std::string& name : kNames) {
    // The validator's probe.
    const auto probe = testing::run_check(utils::is_nostr_relay(relay("ws", name), guarded()));
    EXPECT_FALSE(probe.valid);
    EXPECT_THAT(probe.reason, HasSubstr("refused_local")) << name;
    // The synchronizer's and the monitor publisher's client.
    auto connect = [&]() -> boost::asio::awaitable<std::string> {
      utils::RelayClientOptions client_options;
      client_options.transport = guarded();
      auto client = co_await utils::RelayClient::connect(relay("wss", name), std::move(client_options));
      co_return client ? std::string("connected") : client.reason();
    };
    EXPECT_THAT(testing::run_check(connect()), HasSubstr("refused_local")) << name;
    // The finder's relay lists and the NIP-11 fetch.
    auto get = [&]() -> boost::asio::awaitable<std::string> {
      utils::HttpRequestOptions request;
      request.transport = guarded();
      auto response = co_await utils::http_get("http://" + name + ":" + std::to_string(counter.port()) + "/",
                                               std::move(request));
      co_return response ? std::string("answered") : response.reason();
    };
    EXPECT_THAT(testing::run_check(get()), HasSubstr("refused_local")) << name;
  }
  EXPECT_EQ(counter.accepted(), 0);
}

// The control: the same names do reach the listener once local targets are allowed, so
// the zero above is the guard's doing and not a lookup that failed.
TEST_F(DialGuardTest, TheSameNamesConnectWhenLocalIsAllowed) {
  for (const std::string& name : kNames) {
    SslCheckOptions options{guarded(), testing::kCheckTimeout};
    options.transport.allow_local = true;
    const auto result = testing::run_check(check_ssl(relay("wss", name), options));
    EXPECT_THAT(result.reason(), Not(HasSubstr("refused_local"))) << name;
  }
  EXPECT_GE(counter.accepted(), static_cast<int>(kNames.size()));
}

// The report's command line: `relay check wss://<name>:<port> --checks ssl` without
// --allow-local reports the refusal and the listener sees nothing.
TEST_F(DialGuardTest, RelayCheckCommandRefusesTheSslCheck) {
  for (const std::string& name : {std::string("loop4.guard.example"), std::string("loop6.guard.example")}) {
    std::string out;
    const std::string command = std::string(BIGBROTR_BINARY) + " relay check wss://" + name + ":" +
                                std::to_string(counter.port()) + " --checks ssl,nip11,rtt,http --timeout 2" +
                                " --dns-server " + dns->server() + " 2>&1";
    EXPECT_EQ(testing::run_shell(command, &out), 0) << out;
    EXPECT_THAT(out, HasSubstr("refused_local")) << out;
    EXPECT_THAT(out, Not(HasSubstr("ssl_fingerprint"))) << out;
  }
  EXPECT_EQ(counter.accepted(), 0);
}

}  // namespace
}  // namespace bigbrotr::nips
