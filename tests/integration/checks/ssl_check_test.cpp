// The nip66_ssl check against `openssl s_server` on 127.0.0.1, with certificates made
// here by the openssl CLI: a CA and a leaf with SANs, and a self-signed certificate.
// The relay host names resolve to 127.0.0.1 through a loopback dnsmasq, so the check
// dials them through the transport's guarded path as it would any relay.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <memory>

#include "integration/checks/check_support.hpp"
#include "integration/checks/child_process.hpp"
#include "integration/checks/loopback_dns.hpp"
#include "nips/nip66/nip66_ssl.hpp"

namespace bigbrotr::nips {
namespace {

using testing::ChildProcess;

std::string shell(const std::string& command) {
  std::string out;
  const int code = testing::run_shell(command + " 2>&1", &out);
  if (code != 0) throw std::runtime_error(command + " failed: " + out);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

class TlsServers : public ::testing::Environment {
 public:
  static inline std::unique_ptr<testing::TempDir> dir;
  static inline std::unique_ptr<ChildProcess> leaf_server;
  static inline std::unique_ptr<ChildProcess> self_server;
  static inline int leaf_port = 0;
  static inline int self_port = 0;
  static inline std::unique_ptr<testing::LoopbackDns> dns;

  static std::string path(const char* name) { return (dir->path() / name).string(); }

  void SetUp() override {
    dns = std::make_unique<testing::LoopbackDns>(
        std::vector<std::string>{"relay.test.example,127.0.0.1", "ws1.relay.test.example,127.0.0.1",
                                 "other.test.example,127.0.0.1", "self.test.example,127.0.0.1"});
    dir = std::make_unique<testing::TempDir>();
    const std::string ec = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
    shell("cd '" + dir->path().string() + "' && " + "openssl req -x509 " + ec +
          " -keyout ca.key -out ca.pem -days 30 "
          "-subj '/O=Bigbrotr Test CA/CN=Bigbrotr Test Root' && "
          "openssl req " +
          ec +
          " -keyout leaf.key -out leaf.csr -subj '/O=Relay Operator/CN=relay.test.example' && "
          "printf 'subjectAltName=DNS:relay.test.example,DNS:*.relay.test.example,IP:127.0.0.1\\n' > ext.cnf "
          "&& "
          "openssl x509 -req -in leaf.csr -CA ca.pem -CAkey ca.key -set_serial 0x0ABCDEF012 -days 10 "
          "-extfile ext.cnf -out leaf.pem && "
          "openssl req -x509 " +
          ec +
          " -keyout self.key -out self.pem -days 5 -subj '/CN=self.test.example' "
          "-addext 'subjectAltName=DNS:self.test.example'");
    leaf_port = testing::free_port();
    leaf_server = start(leaf_port, "leaf");
    self_port = testing::free_port();
    self_server = start(self_port, "self");
    ASSERT_TRUE(testing::wait_for_tcp(leaf_port)) << leaf_server->log();
    ASSERT_TRUE(testing::wait_for_tcp(self_port)) << self_server->log();
  }
  void TearDown() override {
    leaf_server.reset();
    self_server.reset();
    dir.reset();
    dns.reset();
  }

 private:
  static std::unique_ptr<ChildProcess> start(int port, const std::string& name) {
    return std::make_unique<ChildProcess>(
        std::vector<std::string>{"openssl", "s_server", "-accept", "127.0.0.1:" + std::to_string(port),
                                 "-cert", path((name + ".pem").c_str()), "-key",
                                 path((name + ".key").c_str()), "-www", "-quiet"},
        dir->path() / (name + ".log"));
  }
};

const auto* const kEnvironment = ::testing::AddGlobalTestEnvironment(new TlsServers);

models::Relay relay(const std::string& host, int port) {
  return models::Relay::parse("wss://" + host + ":" + std::to_string(port)).value();
}

SslCheckOptions loopback() {
  SslCheckOptions options;
  options.timeout = std::chrono::seconds(5);
  options.transport.allow_local = true;
  options.transport.dns_server = TlsServers::dns->server();
  return options;
}

CheckResult ssl_check(const models::Relay& relay, const SslCheckOptions& options) {
  return testing::run_check(nips::check_ssl(relay, options));
}

std::int64_t unix_date(const std::string& pem, const char* field) {
  return std::stoll(shell("date -u -d \"$(openssl x509 -noout -" + std::string(field) + " -in '" + pem +
                          "' | cut -d= -f2)\" +%s"));
}

TEST(Nip66Ssl, ReadsEveryCertificateField) {
  const auto result = ssl_check(relay("relay.test.example", TlsServers::leaf_port), loopback());
  ASSERT_TRUE(result.succeeded()) << result.reason();
  const auto& data = result.data;
  const std::string pem = TlsServers::path("leaf.pem");
  const std::string openssl_fingerprint = shell("openssl x509 -noout -fingerprint -sha256 -in '" + pem + "'");
  EXPECT_EQ("sha256 Fingerprint=" + std::string(data.at("ssl_fingerprint").as_string()).substr(7),
            openssl_fingerprint);
  EXPECT_TRUE(data.at("ssl_fingerprint").as_string().starts_with("SHA256:"));
  EXPECT_EQ(data.at("ssl_subject_cn").as_string(), "relay.test.example");
  EXPECT_EQ(data.at("ssl_issuer").as_string(), "Bigbrotr Test CA");
  EXPECT_EQ(data.at("ssl_issuer_cn").as_string(), "Bigbrotr Test Root");
  EXPECT_EQ(data.at("ssl_not_before").as_int64(), unix_date(pem, "startdate"));
  EXPECT_EQ(data.at("ssl_expires").as_int64(), unix_date(pem, "enddate"));
  EXPECT_EQ(boost::json::value(data.at("ssl_san")),
            (boost::json::array{"relay.test.example", "*.relay.test.example"}));
  // openssl prints whole bytes ("0ABCDEF012"); the field has no leading zeros.
  EXPECT_EQ(shell("openssl x509 -noout -serial -in '" + pem + "'"), "serial=0ABCDEF012");
  EXPECT_EQ(data.at("ssl_serial").as_string(), "ABCDEF012");
  EXPECT_EQ(data.at("ssl_version").as_int64(), 2);
  EXPECT_EQ(data.at("ssl_protocol").as_string(), "TLSv1.3");
  EXPECT_EQ(data.at("ssl_cipher").as_string(), "TLS_AES_256_GCM_SHA384");
  EXPECT_EQ(data.at("ssl_cipher_bits").as_int64(), 256);
}

TEST(Nip66Ssl, ValidOnlyWithTheTestCaTrusted) {
  const auto relay_under_test = relay("relay.test.example", TlsServers::leaf_port);
  EXPECT_FALSE(ssl_check(relay_under_test, loopback()).data.at("ssl_valid").as_bool());
  auto options = loopback();
  options.transport.extra_ca_file = TlsServers::path("ca.pem");
  EXPECT_TRUE(ssl_check(relay_under_test, options).data.at("ssl_valid").as_bool());
  // Wildcard SAN.
  EXPECT_TRUE(ssl_check(relay("ws1.relay.test.example", TlsServers::leaf_port), options)
                  .data.at("ssl_valid")
                  .as_bool());
}

TEST(Nip66Ssl, HostnameMismatchIsNotValid) {
  auto options = loopback();
  options.transport.extra_ca_file = TlsServers::path("ca.pem");
  const auto result = ssl_check(relay("other.test.example", TlsServers::leaf_port), options);
  ASSERT_TRUE(result.succeeded());
  EXPECT_FALSE(result.data.at("ssl_valid").as_bool());
  EXPECT_EQ(result.data.at("ssl_subject_cn").as_string(), "relay.test.example");
}

TEST(Nip66Ssl, SelfSignedIsNotValid) {
  auto options = loopback();
  options.transport.extra_ca_file = TlsServers::path("ca.pem");
  const auto result = ssl_check(relay("self.test.example", TlsServers::self_port), options);
  ASSERT_TRUE(result.succeeded());
  EXPECT_FALSE(result.data.at("ssl_valid").as_bool());
  EXPECT_EQ(result.data.at("ssl_issuer_cn").as_string(), "self.test.example");
  EXPECT_FALSE(result.data.contains("ssl_issuer"));
}

TEST(Nip66Ssl, NothingListeningFailsInTheConnectPhase) {
  const int closed = testing::free_port();
  const auto result = ssl_check(relay("relay.test.example", closed), loopback());
  EXPECT_FALSE(result.succeeded());
  EXPECT_THAT(result.reason(), ::testing::StartsWith("refused: connect failed"));
  EXPECT_TRUE(result.data.empty());
}

TEST(Nip66Ssl, SilentServerEndsWithinTheTimeout) {
  const testing::SilentListener silent;
  auto options = loopback();
  options.timeout = std::chrono::milliseconds(500);
  const auto start = std::chrono::steady_clock::now();
  const auto result = ssl_check(relay("relay.test.example", silent.port()), options);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(result.reason(), "tls: handshake timed out");
  EXPECT_LT(elapsed, std::chrono::milliseconds(1500));
}

TEST(Nip66Ssl, ANameOfALocalAddressIsRefusedUnlessLocalIsAllowed) {
  auto options = loopback();
  options.transport.allow_local = false;
  const auto result = ssl_check(relay("relay.test.example", TlsServers::leaf_port), options);
  EXPECT_THAT(result.reason(),
              ::testing::StartsWith("refused_local: relay.test.example resolves to local address"));
  EXPECT_TRUE(result.data.empty());
}

TEST(Nip66Ssl, AnUnknownNameFailsInTheResolvePhase) {
  const auto result = ssl_check(relay("missing.test.example", TlsServers::leaf_port), loopback());
  EXPECT_THAT(result.reason(), ::testing::StartsWith("resolve: missing.test.example"));
}

TEST(Nip66Ssl, OverlaysAreRefused) {
  const auto onion = models::Relay::parse("ws://" + std::string(56, 'a') + ".onion").value();
  EXPECT_EQ(ssl_check(onion, loopback()).reason(), "requires clearnet, got tor");
}

TEST(Nip66Ssl, StoresAsMetadata) {
  const auto result = ssl_check(relay("relay.test.example", TlsServers::leaf_port), loopback());
  EXPECT_TRUE(result.to_metadata(models::MetadataType::nip66_ssl).ok());
}

}  // namespace
}  // namespace bigbrotr::nips
