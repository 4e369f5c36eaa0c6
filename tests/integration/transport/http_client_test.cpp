#include "utils/transport/http_client.hpp"

#include <gtest/gtest.h>

#include "integration/transport/test_server.hpp"
#include "integration/transport/test_support.hpp"

namespace bigbrotr::utils {
namespace {

using testing::certificates;
using testing::run_sync;
using testing::TestServer;
using Clock = std::chrono::steady_clock;

HttpRequestOptions local_options() {
  HttpRequestOptions options;
  options.transport.allow_local = true;
  options.accept = "application/nostr+json";
  options.max_body_size = 64 * 1024;
  options.total_timeout = std::chrono::seconds(5);
  return options;
}

TransportResult<HttpResponse> get(const std::string& url,
                                  const HttpRequestOptions& options = local_options()) {
  return run_sync(http_get(url, options));
}

std::string url(const TestServer& server, const std::string& path, const std::string& scheme = "http") {
  return scheme + "://127.0.0.1:" + std::to_string(server.port()) + path;
}

TEST(HttpClient, GetsStatusHeadersAndBody) {
  TestServer server;
  const auto response = get(url(server, "/ok"));
  ASSERT_TRUE(response) << response.reason();
  EXPECT_EQ(response->status, 200u);
  EXPECT_EQ(response->body, R"({"name":"test relay"})");
  EXPECT_EQ(find_header(response->headers, "server"), "bigbrotr-test-http");
  EXPECT_EQ(find_header(response->headers, "x-powered-by"), "beast");
  EXPECT_EQ(response->redirects, 0);
  EXPECT_FALSE(response->insecure);
}

TEST(HttpClient, OtherStatusesAreResponses) {
  TestServer server;
  const auto response = get(url(server, "/missing"));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 404u);
}

TEST(HttpClient, FollowsUpToThreeRedirects) {
  TestServer server;
  const auto response = get(url(server, "/r3"));
  ASSERT_TRUE(response) << response.reason();
  EXPECT_EQ(response->status, 200u);
  EXPECT_EQ(response->redirects, 3);
  EXPECT_EQ(response->url, url(server, "/ok"));
}

TEST(HttpClient, StopsAfterThreeRedirects) {
  TestServer server;
  EXPECT_EQ(get(url(server, "/r4")).reason(), "protocol: too many redirects (more than 3)");
  EXPECT_EQ(get(url(server, "/loop")).reason(), "protocol: too many redirects (more than 3)");
  EXPECT_EQ(server.connections(), 8);
}

TEST(HttpClient, AbortsBodiesOverTheCap) {
  TestServer server;
  EXPECT_EQ(get(url(server, "/big")).kind(), TransportErrorKind::too_large);
  EXPECT_EQ(get(url(server, "/chunked")).kind(), TransportErrorKind::too_large);
  const auto small = get(url(server, "/chunked-small"));
  ASSERT_TRUE(small) << small.reason();
  EXPECT_EQ(small->body, std::string(4096, 'c'));
}

TEST(HttpClient, TotalTimeoutBoundsASilentServer) {
  TestServer server;
  HttpRequestOptions options = local_options();
  options.total_timeout = std::chrono::milliseconds(400);
  const auto start = Clock::now();
  EXPECT_EQ(get(url(server, "/hang"), options).kind(), TransportErrorKind::timeout);
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(2));
}

TEST(HttpClient, HttpsVerifiesAndFallsBackOnlyWhenAllowed) {
  TestServer trusted(testing::TlsFiles{certificates().server_certificate, certificates().server_key});
  HttpRequestOptions options = local_options();
  options.transport.extra_ca_file = certificates().ca_certificate;
  const auto verified = get(url(trusted, "/ok", "https"), options);
  ASSERT_TRUE(verified) << verified.reason();
  EXPECT_FALSE(verified->insecure);

  TestServer self(testing::TlsFiles{certificates().self_signed_certificate, certificates().self_signed_key});
  EXPECT_EQ(get(url(self, "/ok", "https")).reason(), "certificate: self-signed certificate");
  options.transport.allow_insecure = true;
  const auto insecure = get(url(self, "/ok", "https"), options);
  ASSERT_TRUE(insecure) << insecure.reason();
  EXPECT_TRUE(insecure->insecure);
  EXPECT_EQ(insecure->status, 200u);
}

TEST(HttpClient, RefusesLocalTargetsUnlessAllowed) {
  TestServer server;
  HttpRequestOptions options = local_options();
  options.transport.allow_local = false;
  EXPECT_EQ(get(url(server, "/ok"), options).kind(), TransportErrorKind::refused_local);
  EXPECT_EQ(get("http://localhost:" + std::to_string(server.port()) + "/ok", options).kind(),
            TransportErrorKind::refused_local);
  EXPECT_EQ(server.connections(), 0);
}

// A redirect never changes the network scope of a request, whatever allow_local says.
// Every refusal happens before a connection is opened: no packet leaves loopback.
TEST(HttpClient, ALocalTargetCannotRedirectToLinkLocalOrMetadataAddresses) {
  TestServer server;
  for (const char* location :
       {"http://169.254.169.254/latest/meta-data/", "http://169.254.1.1:8080/", "http://%5Bfe80::1%5D/",
        "http://%5Bfd00:ec2::254%5D/latest/meta-data/", "http://%5B::ffff:169.254.169.254%5D/"}) {
    const auto response = get(url(server, std::string("/to/") + location));
    EXPECT_EQ(response.kind(), TransportErrorKind::refused_local) << location;
    EXPECT_NE(response.reason().find("leaves the local network of the first request"), std::string::npos)
        << response.reason();
  }
}

TEST(HttpClient, ALocalTargetMayRedirectWithinTheLocalNetwork) {
  TestServer server;
  const std::string target = "http://localhost:" + std::to_string(server.port()) + "/ok";
  const auto response = get(url(server, "/to/" + target));
  ASSERT_TRUE(response) << response.reason();
  EXPECT_EQ(response->status, 200u);
  EXPECT_EQ(response->redirects, 1);
  EXPECT_EQ(response->peer_scope, models::AddressScope::local);
}

// An oversized header is the header's fault, not the body's: the reason says so.
TEST(HttpClient, OversizedHeadersAreNamedAsHeaders) {
  TestServer server;
  const auto response = get(url(server, "/bigheader"));
  EXPECT_EQ(response.kind(), TransportErrorKind::protocol);
  EXPECT_EQ(response.reason(), "protocol: response header over 65536 bytes");
}

TEST(HttpClient, RejectsBadUrls) {
  EXPECT_EQ(get("not a url").kind(), TransportErrorKind::invalid_target);
  EXPECT_EQ(get("ftp://127.0.0.1/x").kind(), TransportErrorKind::invalid_target);
  EXPECT_EQ(get("http:///path").kind(), TransportErrorKind::invalid_target);
}

}  // namespace
}  // namespace bigbrotr::utils
