#include "services/api/api_json.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "core/catalog/catalog_reader.hpp"

namespace bigbrotr::services::api {
namespace {

std::string header(const core::HttpResponse& response, std::string_view name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return "<none>";
}

TEST(ApiJson, ErrorsAreJsonObjects) {
  const core::HttpResponse response = json_error(400, "limit must be \"small\"");
  EXPECT_EQ(response.status, 400u);
  EXPECT_EQ(response.content_type, "application/json");
  EXPECT_EQ(response.body, R"({"error":"limit must be \"small\""})");
}

TEST(ApiJson, OnlyAllowedOriginsGetTheCorsHeader) {
  const std::vector<std::string> allowed{"https://a.example"};
  core::HttpResponse listed = json_response(200, nullptr);
  allow_origin(listed, "https://a.example", allowed);
  EXPECT_EQ(header(listed, "Access-Control-Allow-Origin"), "https://a.example");
  EXPECT_EQ(header(listed, "Vary"), "Origin");
  core::HttpResponse other = json_response(200, nullptr);
  allow_origin(other, "https://evil.example", allowed);
  EXPECT_EQ(header(other, "Access-Control-Allow-Origin"), "<none>");
  core::HttpResponse any = json_response(200, nullptr);
  allow_origin(any, "https://b.example", {"*"});
  EXPECT_EQ(header(any, "Access-Control-Allow-Origin"), "*");
  core::HttpResponse none = json_response(200, nullptr);
  allow_origin(none, "https://a.example", {});
  EXPECT_TRUE(none.headers.empty());
}

TEST(ApiJson, FailedQueriesSayNothingOfTheDatabase) {
  std::ostringstream log;
  const core::Logger logger("test", core::LogLevel::debug, core::LogFormat::text, log);
  const core::HttpResponse failed = guarded_query(logger, "relays", []() -> core::HttpResponse {
    throw std::runtime_error("syntax error near SELECT secret FROM relay");
  });
  EXPECT_EQ(failed.status, 500u);
  EXPECT_EQ(failed.body, R"({"error":"internal error"})");
  EXPECT_NE(log.str().find("SELECT secret"), std::string::npos);
  const core::HttpResponse slow = guarded_query(logger, "relays", []() -> core::HttpResponse {
    throw core::catalog::CatalogTimeout("query timeout");
  });
  EXPECT_EQ(slow.status, 504u);
}

}  // namespace
}  // namespace bigbrotr::services::api
