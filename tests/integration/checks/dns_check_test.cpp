// The DNS resolver and the nip66_dns check against a real dnsmasq on 127.0.0.1 whose
// records the test defines. Nothing leaves the loopback interface.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include <chrono>
#include <memory>

#include "integration/checks/child_process.hpp"
#include "nips/nip66/nip66_dns.hpp"
#include "utils/dns/dns_resolver.hpp"

namespace bigbrotr::nips {
namespace {

using testing::ChildProcess;
using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

// dnsmasq answering for test.example: A+AAAA (+ automatic PTR) via --host-record, a
// CNAME, and NS records through its authoritative mode (--auth-zone with
// the subnets, so reverse queries are answered too; in that mode --ptr-record entries
// are not served, so PTRs come from --host-record;
// --auth-server naming ns1 and --auth-sec-servers adding ns2).
class DnsServer : public ::testing::Environment {
 public:
  static inline int port = 0;
  static inline std::unique_ptr<testing::TempDir> dir;
  static inline std::unique_ptr<ChildProcess> process;

  void SetUp() override {
    dir = std::make_unique<testing::TempDir>();
    port = testing::free_port();
    process = std::make_unique<ChildProcess>(
        std::vector<std::string>{
            "/usr/sbin/dnsmasq", "--no-daemon", "--conf-file=/dev/null", "--no-resolv", "--no-hosts",
            "--port=" + std::to_string(port), "--listen-address=127.0.0.1", "--bind-interfaces",
            "--pid-file=", "--user=root", "--local-ttl=300",
            "--host-record=relay.test.example,203.0.113.10,2001:db8::10",
            "--host-record=second.test.example,203.0.113.12", "--cname=alias.test.example,relay.test.example",
            "--auth-zone=test.example,203.0.113.0/24,2001:db8::/64", "--auth-ttl=300",
            "--auth-server=ns1.test.example,127.0.0.1", "--auth-sec-servers=ns2.test.example",
            "--host-record=v4only.test.example,203.0.113.11"},
        dir->path() / "dnsmasq.log");
    ASSERT_TRUE(testing::wait_for_tcp(port)) << process->log();
  }
  void TearDown() override {
    process.reset();
    dir.reset();
  }
};

const auto* const kEnvironment = ::testing::AddGlobalTestEnvironment(new DnsServer);

utils::DnsResolverOptions local(std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
  return {"127.0.0.1:" + std::to_string(DnsServer::port), timeout, 1};
}

TEST(DnsResolver, ResolvesAWithTtl) {
  auto a = utils::DnsResolver(local()).resolve_a("relay.test.example");
  ASSERT_TRUE(a.ok()) << a.error().reason;
  EXPECT_THAT(a->addresses, ElementsAre("203.0.113.10"));
  EXPECT_EQ(a->ttl, 300u);
}

TEST(DnsResolver, ResolvesAaaa) {
  auto aaaa = utils::DnsResolver(local()).resolve_aaaa("relay.test.example");
  ASSERT_TRUE(aaaa.ok()) << aaaa.error().reason;
  EXPECT_THAT(*aaaa, ElementsAre("2001:db8::10"));
}

TEST(DnsResolver, ResolvesCname) {
  auto cname = utils::DnsResolver(local()).resolve_cname("alias.test.example");
  ASSERT_TRUE(cname.ok()) << cname.error().reason;
  EXPECT_EQ(*cname, "relay.test.example");
  auto through = utils::DnsResolver(local()).resolve_a("alias.test.example");
  ASSERT_TRUE(through.ok());
  EXPECT_THAT(through->addresses, ElementsAre("203.0.113.10"));
}

TEST(DnsResolver, ResolvesPtr) {
  auto automatic = utils::DnsResolver(local()).resolve_ptr("203.0.113.10");
  ASSERT_TRUE(automatic.ok()) << automatic.error().reason;
  EXPECT_THAT(*automatic, ElementsAre("relay.test.example"));
  auto unknown = utils::DnsResolver(local()).resolve_ptr("203.0.113.99");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().kind, utils::DnsErrorCode::not_found);
}

TEST(DnsResolver, ResolvesNsThroughAuthoritativeMode) {
  auto ns = utils::DnsResolver(local()).resolve_ns("test.example");
  ASSERT_TRUE(ns.ok()) << ns.error().reason;
  EXPECT_THAT(*ns, UnorderedElementsAre("ns1.test.example", "ns2.test.example"));
}

TEST(DnsResolver, MissingRecordsAreTypedFailures) {
  auto none = utils::DnsResolver(local()).resolve_aaaa("v4only.test.example");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().kind, utils::DnsErrorCode::no_data);
  auto missing = utils::DnsResolver(local()).resolve_a("missing.test.example");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind, utils::DnsErrorCode::not_found);
}

TEST(DnsResolver, ResolveHostGivesFirstV4AndV6) {
  auto addresses = utils::DnsResolver(local()).resolve_host("relay.test.example", std::chrono::seconds(5));
  EXPECT_EQ(addresses.ipv4, "203.0.113.10");
  EXPECT_EQ(addresses.ipv6, "2001:db8::10");
  EXPECT_FALSE(addresses.timed_out);
  auto literal = utils::DnsResolver(local()).resolve_host("2001:db8::1", std::chrono::seconds(5));
  EXPECT_EQ(literal.ipv6, "2001:db8::1");
}

TEST(DnsResolver, DeadServerTimesOutWithinTheBound) {
  // A UDP port nobody answers on: queries are dropped silently... or refused by ICMP,
  // which is also a prompt failure. Either way, never later than the timeout.
  const int dead = testing::free_port();
  utils::DnsResolver resolver({"127.0.0.1:" + std::to_string(dead), std::chrono::milliseconds(500), 2});
  const auto start = std::chrono::steady_clock::now();
  auto a = resolver.resolve_a("relay.test.example");
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(a.ok());
  EXPECT_THAT(a.error().kind,
              ::testing::AnyOf(utils::DnsErrorCode::timeout, utils::DnsErrorCode::connection_refused));
  EXPECT_LT(elapsed, std::chrono::milliseconds(1500));
}

TEST(DnsResolver, BlackholeServerTimesOut) {
  // A bound UDP socket that never answers: a true timeout.
  const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  utils::DnsResolver resolver(
      {"127.0.0.1:" + std::to_string(ntohs(address.sin_port)), std::chrono::milliseconds(400), 2});
  const auto start = std::chrono::steady_clock::now();
  auto a = resolver.resolve_a("relay.test.example");
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ::close(fd);
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.error().kind, utils::DnsErrorCode::timeout);
  EXPECT_GE(elapsed, std::chrono::milliseconds(300));
  EXPECT_LT(elapsed, std::chrono::milliseconds(1200));
}

TEST(Nip66Dns, CollectsEveryRecord) {
  const auto relay = models::Relay::parse("wss://relay.test.example").value();
  const auto result = check_dns(relay, DnsCheckOptions{local(), nullptr});
  ASSERT_TRUE(result.succeeded()) << result.reason();
  EXPECT_EQ(boost::json::serialize(result.data),
            R"({"dns_ips":["203.0.113.10"],"dns_ttl":300,"dns_ips_v6":["2001:db8::10"],)"
            R"("dns_ns":["ns1.test.example","ns2.test.example"],"dns_reverse":"relay.test.example"})");
}

TEST(Nip66Dns, ReportsTheCname) {
  const auto relay = models::Relay::parse("wss://alias.test.example").value();
  const auto result = check_dns(relay, DnsCheckOptions{local(), nullptr});
  ASSERT_TRUE(result.succeeded());
  EXPECT_EQ(result.data.at("dns_cname").as_string(), "relay.test.example");
  EXPECT_EQ(result.data.at("dns_ips").as_array().at(0).as_string(), "203.0.113.10");
}

TEST(Nip66Dns, NothingFoundIsAFailure) {
  // dnsmasq is authoritative for test.example only; another zone answers REFUSED.
  const auto relay = models::Relay::parse("wss://relay.elsewhere.example").value();
  const auto result = check_dns(relay, DnsCheckOptions{local(), nullptr});
  EXPECT_FALSE(result.succeeded());
  EXPECT_EQ(result.reason(), "no DNS records found");
}

TEST(Nip66Dns, OverlaysAreRefused) {
  const auto relay = models::Relay::parse("ws://" + std::string(56, 'a') + ".onion").value();
  EXPECT_EQ(check_dns(relay, DnsCheckOptions{local(), nullptr}).reason(), "requires clearnet, got tor");
}

TEST(Nip66Dns, DeadServerEndsWithinOneTimeout) {
  const int dead_fd = ::socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  ::bind(dead_fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  ::getsockname(dead_fd, reinterpret_cast<sockaddr*>(&address), &length);
  const auto relay = models::Relay::parse("wss://relay.test.example").value();
  const auto start = std::chrono::steady_clock::now();
  const auto result = check_dns(
      relay, DnsCheckOptions{
                 {"127.0.0.1:" + std::to_string(ntohs(address.sin_port)), std::chrono::milliseconds(600), 1},
                 nullptr});
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ::close(dead_fd);
  EXPECT_EQ(result.reason(), "no DNS records found");
  EXPECT_LT(elapsed, std::chrono::milliseconds(1300));
}

}  // namespace
}  // namespace bigbrotr::nips
