// The hardened HTTP server on loopback: what it serves, what it refuses, and how it sheds
// slow clients. Limits are shortened so each test takes seconds; every wait is bounded
// generously, for a sanitized build on a loaded machine.
#include "core/http/http_server.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <thread>
#include <vector>

#include "support/loopback_client.hpp"

namespace bigbrotr::testing {
namespace {

using namespace std::chrono_literals;
using core::HttpDrop;
using core::HttpLimits;
using core::HttpRequest;
using core::HttpResponse;
using core::HttpRoutes;
using core::HttpServer;
using Clock = std::chrono::steady_clock;

constexpr auto kAnswerLimit = 10s;

HttpRoutes hello_routes() {
  HttpRoutes routes;
  routes.get("/hello", [](const HttpRequest& request) {
    return HttpResponse{.body = "hello " + std::string(request.query) + "\n"};
  });
  // Far more than the socket buffers hold, for a client that never reads.
  routes.get("/huge", [](const HttpRequest&) { return HttpResponse{.body = std::string(64 << 20, 'x')}; });
  return routes;
}

class HttpServerTest : public ::testing::Test {
 protected:
  // Starts the server with `limits`; tests that change them call this again.
  void start(HttpLimits limits) {
    server_.reset();
    server_ =
        std::make_unique<HttpServer>("127.0.0.1", 0, hello_routes(), limits,
                                     core::Logger("http", core::LogLevel::info, core::LogFormat::text, log_));
  }
  void SetUp() override { start(HttpLimits{}); }

  int port() const { return server_->port(); }
  std::uint64_t drops(HttpDrop reason) const { return server_->drops()[static_cast<std::size_t>(reason)]; }
  // Waits (bounded) until the server has counted `count` drops of `reason`.
  bool eventually_dropped(HttpDrop reason, std::uint64_t count) const {
    for (const auto deadline = Clock::now() + kAnswerLimit; Clock::now() < deadline;) {
      if (drops(reason) >= count) return true;
      std::this_thread::sleep_for(20ms);
    }
    return false;
  }

  std::ostringstream log_;
  std::unique_ptr<HttpServer> server_;
};

TEST_F(HttpServerTest, ServesGetsOnAKeptAliveConnection) {
  LoopbackClient client(port());
  for (const char* query : {"a=1", "b=2"}) {
    ASSERT_TRUE(client.send("GET /hello?" + std::string(query) + " HTTP/1.1\r\nHost: x\r\n\r\n"));
    const auto response = client.read_response(kAnswerLimit);
    ASSERT_EQ(status_of(response), 200) << client.received();
    EXPECT_TRUE(response->ends_with("\r\n\r\nhello " + std::string(query) + "\n")) << *response;
  }
}

TEST_F(HttpServerTest, AnswersPipelinedRequestsInOrder) {
  LoopbackClient client(port());
  ASSERT_TRUE(client.send("GET /hello?1 HTTP/1.1\r\n\r\nGET /hello?2 HTTP/1.1\r\n\r\n"));
  EXPECT_TRUE(client.read_response(kAnswerLimit).value_or("").ends_with("hello 1\n"));
  EXPECT_TRUE(client.read_response(kAnswerLimit).value_or("").ends_with("hello 2\n"));
}

TEST_F(HttpServerTest, ClosesAfterAnHttp10Response) {
  LoopbackClient client(port());
  ASSERT_TRUE(client.send("GET /hello HTTP/1.0\r\n\r\n"));
  EXPECT_EQ(status_of(client.read_response(kAnswerLimit)), 200);
  EXPECT_TRUE(client.closed_within(kAnswerLimit));
}

TEST_F(HttpServerTest, HeadSendsTheHeadersOfTheGetResponseOnly) {
  LoopbackClient client(port());
  ASSERT_TRUE(client.send("HEAD /hello?abc HTTP/1.1\r\n\r\nGET /hello?z HTTP/1.1\r\n\r\n"));
  const auto head = client.read_response(kAnswerLimit, /*head=*/true);
  ASSERT_EQ(status_of(head), 200);
  EXPECT_NE(head->find("Content-Length: 10\r\n"), std::string::npos) << *head;
  // Had HEAD sent a body, it would be read here in place of the GET's response.
  EXPECT_TRUE(client.read_response(kAnswerLimit).value_or("").starts_with("HTTP/1.1 200"));
}

TEST_F(HttpServerTest, UnknownPathsAndMethodsAreRefusedOnALiveConnection) {
  LoopbackClient client(port());
  ASSERT_TRUE(client.send("GET /nope HTTP/1.1\r\n\r\n"));
  EXPECT_EQ(status_of(client.read_response(kAnswerLimit)), 404);
  ASSERT_TRUE(client.send("DELETE /hello HTTP/1.1\r\n\r\n"));
  const auto refused = client.read_response(kAnswerLimit);
  EXPECT_EQ(status_of(refused), 405);
  EXPECT_NE(refused.value_or("").find("Allow: GET, HEAD\r\n"), std::string::npos);
}

TEST_F(HttpServerTest, APostWithABodyIsRefusedAndClosed) {
  LoopbackClient client(port());
  ASSERT_TRUE(client.send("POST /hello HTTP/1.1\r\nContent-Length: 11\r\n\r\nhello=world"));
  EXPECT_EQ(status_of(client.read_response(kAnswerLimit)), 413);
  EXPECT_TRUE(client.closed_within(kAnswerLimit));
}

TEST_F(HttpServerTest, AChunkedBodyIsRefusedAndClosed) {
  LoopbackClient client(port());
  ASSERT_TRUE(
      client.send("GET /hello HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"));
  EXPECT_EQ(status_of(client.read_response(kAnswerLimit)), 413);
  EXPECT_TRUE(client.closed_within(kAnswerLimit));
}

TEST_F(HttpServerTest, GarbageIsABadRequest) {
  LoopbackClient client(port());
  ASSERT_TRUE(client.send("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 not http\r\n\r\n"));
  EXPECT_EQ(status_of(client.read_response(kAnswerLimit)), 400);
  EXPECT_TRUE(client.closed_within(kAnswerLimit));
  EXPECT_TRUE(eventually_dropped(HttpDrop::malformed_request, 1));
}

TEST_F(HttpServerTest, AnOversizedHeaderIsAnswered431AndClosed) {
  LoopbackClient client(port());
  ASSERT_TRUE(client.send("GET /hello HTTP/1.1\r\nX-Big: " + std::string(16 * 1024, 'a') + "\r\n\r\n"));
  EXPECT_EQ(status_of(client.read_response(kAnswerLimit)), 431) << client.received();
  EXPECT_TRUE(client.closed_within(kAnswerLimit));
  EXPECT_TRUE(eventually_dropped(HttpDrop::oversized_header, 1));
}

TEST_F(HttpServerTest, ATooLongTargetIsAnswered414) {
  LoopbackClient client(port());
  ASSERT_TRUE(client.send("GET /hello?" + std::string(3000, 'q') + " HTTP/1.1\r\n\r\n"));
  EXPECT_EQ(status_of(client.read_response(kAnswerLimit)), 414);
}

// Each byte arrives well inside any per-read timeout; only a deadline over the whole
// header ends the connection.
TEST_F(HttpServerTest, ATricklingClientIsClosedAtTheHeaderDeadline) {
  start(HttpLimits{.header_deadline = 2s});
  LoopbackClient client(port());
  const std::string header = "GET /hello HTTP/1.1\r\nX-Slow: " + std::string(200, 'a');
  const auto start = Clock::now();
  bool closed = false;
  for (std::size_t byte = 0; byte < header.size() && !closed && Clock::now() - start < 20s; ++byte) {
    closed = !client.send(header.substr(byte, 1)) || client.closed_within(100ms);
  }
  const auto elapsed = Clock::now() - start;
  ASSERT_TRUE(closed) << "still open after " << std::chrono::duration<double>(elapsed).count() << " s";
  // The deadline runs from accept, a moment before the first byte.
  EXPECT_GE(elapsed, 1500ms);
  EXPECT_LT(elapsed, 15s);
  EXPECT_TRUE(eventually_dropped(HttpDrop::header_timeout, 1));
  server_.reset();  // the log is written on the server's thread
  EXPECT_NE(log_.str().find("http connections dropped"), std::string::npos) << log_.str();
}

TEST_F(HttpServerTest, AnIdleKeptAliveConnectionIsClosedAfterTheIdleTimeout) {
  start(HttpLimits{.idle_timeout = 1s});
  LoopbackClient client(port());
  ASSERT_TRUE(client.send("GET /hello HTTP/1.1\r\n\r\n"));
  EXPECT_EQ(status_of(client.read_response(kAnswerLimit)), 200);
  EXPECT_TRUE(client.closed_within(kAnswerLimit));
  // Closing an idle connection is ordinary keep-alive housekeeping, not a drop.
  EXPECT_EQ(drops(HttpDrop::header_timeout), 0u);
}

TEST_F(HttpServerTest, AClientThatDoesNotReadIsClosedAtTheWriteTimeout) {
  start(HttpLimits{.write_timeout = 1s});
  LoopbackClient client(port());
  ASSERT_TRUE(client.send("GET /huge HTTP/1.1\r\n\r\n"));
  EXPECT_TRUE(eventually_dropped(HttpDrop::write_timeout, 1));
}

// Slow connections from the client's own address fill its cap; a complete request from
// the same address still gets its answer, and the oldest slow one goes.
TEST_F(HttpServerTest, AFreshRequestEvictsTheOldestSlowConnectionOfItsAddress) {
  start(HttpLimits{.max_connections_per_client = 4});
  std::vector<std::unique_ptr<LoopbackClient>> slow;
  for (int i = 0; i < 4; ++i) {
    slow.push_back(std::make_unique<LoopbackClient>(port()));
    ASSERT_TRUE(slow.back()->send("GET /hel"));
  }
  std::this_thread::sleep_for(200ms);  // the server has admitted all four
  LoopbackClient fresh(port());
  ASSERT_TRUE(fresh.send("GET /hello HTTP/1.1\r\n\r\n"));
  EXPECT_EQ(status_of(fresh.read_response(kAnswerLimit)), 200);
  EXPECT_TRUE(slow.front()->closed_within(kAnswerLimit));
  EXPECT_TRUE(eventually_dropped(HttpDrop::evicted, 1));
  EXPECT_FALSE(slow.back()->closed_within(100ms));
}

TEST_F(HttpServerTest, TheTotalCapEvictsToo) {
  start(HttpLimits{.max_connections_per_client = 8, .max_connections = 3});
  std::vector<std::unique_ptr<LoopbackClient>> slow;
  for (int i = 0; i < 6; ++i) slow.push_back(std::make_unique<LoopbackClient>(port()));
  LoopbackClient fresh(port());
  ASSERT_TRUE(fresh.send("GET /hello HTTP/1.1\r\n\r\n"));
  EXPECT_EQ(status_of(fresh.read_response(kAnswerLimit)), 200);
  EXPECT_TRUE(eventually_dropped(HttpDrop::evicted, 4));
}

TEST_F(HttpServerTest, StopsPromptlyWithConnectionsOpen) {
  std::vector<std::unique_ptr<LoopbackClient>> open;
  for (int i = 0; i < 5; ++i) {
    open.push_back(std::make_unique<LoopbackClient>(port()));
    open.back()->send("GET /hello HTTP/1.1\r\n");
  }
  std::this_thread::sleep_for(100ms);
  const auto start = Clock::now();
  server_.reset();
  EXPECT_LT(Clock::now() - start, 5s);
  for (auto& client : open) EXPECT_TRUE(client->closed_within(kAnswerLimit));
}

TEST(HttpServer, NamesTheAddressItCannotListenOn) {
  std::ostringstream log;
  const core::Logger logger("http", core::LogLevel::info, core::LogFormat::text, log);
  const HttpServer first("127.0.0.1", 0, HttpRoutes{}, HttpLimits{}, logger);
  try {
    const HttpServer second("127.0.0.1", first.port(), HttpRoutes{}, HttpLimits{}, logger);
    FAIL() << "a second server bound the same port";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("127.0.0.1:" + std::to_string(first.port())), std::string::npos)
        << error.what();
  }
}

}  // namespace
}  // namespace bigbrotr::testing
