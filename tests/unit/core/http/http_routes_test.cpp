#include "core/http/http_routes.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace bigbrotr::core {
namespace {

constexpr std::size_t kMaxTarget = 64;

HttpRoutes echo_routes() {
  HttpRoutes routes;
  routes.get("/metrics", [](const HttpRequest& request) {
    HttpResponse response;
    response.body = std::string(request.path) + "|" + std::string(request.query);
    return response;
  });
  return routes;
}

HttpResponse answer(const HttpRoutes& routes, std::string_view method, std::string_view target,
                    bool has_body = false) {
  return routes.answer({method, target, has_body}, kMaxTarget);
}

TEST(HttpRoutes, GetOfAKnownPathCallsItsHandlerWithPathAndQuery) {
  const auto response = answer(echo_routes(), "GET", "/metrics?name=a&x=1");
  EXPECT_EQ(response.status, 200u);
  EXPECT_EQ(response.body, "/metrics|name=a&x=1");
}

TEST(HttpRoutes, HeadGetsTheGetResponse) {
  EXPECT_EQ(answer(echo_routes(), "HEAD", "/metrics").body, "/metrics|");
}

TEST(HttpRoutes, UnknownPathIsNotFound) {
  EXPECT_EQ(answer(echo_routes(), "GET", "/").status, 404u);
  EXPECT_EQ(answer(echo_routes(), "GET", "/metrics/").status, 404u);
  EXPECT_EQ(answer(echo_routes(), "GET", "/METRICS").status, 404u);
}

TEST(HttpRoutes, OtherMethodsAreNotAllowedAndSayWhatIs) {
  for (const char* method : {"POST", "PUT", "DELETE", "OPTIONS", "BREW", "get"}) {
    const auto response = answer(echo_routes(), method, "/metrics");
    EXPECT_EQ(response.status, 405u) << method;
    ASSERT_EQ(response.headers.size(), 1u);
    EXPECT_EQ(response.headers[0], (std::pair<std::string, std::string>{"Allow", "GET, HEAD"}));
  }
}

TEST(HttpRoutes, AnyBodyIsRefused) {
  EXPECT_EQ(answer(echo_routes(), "POST", "/metrics", true).status, 413u);
  EXPECT_EQ(answer(echo_routes(), "GET", "/metrics", true).status, 413u);
}

TEST(HttpRoutes, ATooLongTargetIsRefusedBeforeAnythingElse) {
  const std::string target = "/metrics?" + std::string(kMaxTarget, 'a');
  EXPECT_EQ(answer(echo_routes(), "POST", target, true).status, 414u);
  // Exactly at the limit is allowed (and here simply unknown).
  EXPECT_EQ(answer(echo_routes(), "GET", "/" + std::string(kMaxTarget - 1, 'a')).status, 404u);
}

TEST(HttpRoutes, ATargetThatIsNotAPathIsABadRequest) {
  EXPECT_EQ(answer(echo_routes(), "GET", "http://127.0.0.1/metrics").status, 400u);
  EXPECT_EQ(answer(echo_routes(), "OPTIONS", "*").status, 400u);
}

TEST(HttpRoutes, AThrowingHandlerIsAnInternalError) {
  HttpRoutes routes;
  routes.get("/boom", [](const HttpRequest&) -> HttpResponse { throw std::runtime_error("boom"); });
  routes.get("/int", [](const HttpRequest&) -> HttpResponse { throw 42; });
  EXPECT_EQ(answer(routes, "GET", "/boom").status, 500u);
  EXPECT_EQ(answer(routes, "GET", "/int").status, 500u);
}

TEST(HttpRoutes, ALaterHandlerForThePathReplacesTheEarlier) {
  HttpRoutes routes = echo_routes();
  routes.get("/metrics", [](const HttpRequest&) { return HttpResponse{.status = 204}; });
  EXPECT_EQ(answer(routes, "GET", "/metrics").status, 204u);
}

TEST(HttpRoutes, ErrorResponsesArePlainTextWithTheReason) {
  const auto response = plain_http_error(431);
  EXPECT_EQ(response.status, 431u);
  EXPECT_EQ(response.content_type, "text/plain; charset=utf-8");
  EXPECT_EQ(response.body, "Request Header Fields Too Large\n");
}

}  // namespace
}  // namespace bigbrotr::core
