#include "nips/nip11/nip11_fetch.hpp"

#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include <string>

namespace bigbrotr::nips {
namespace {

using utils::HttpResponse;
using utils::TransportErrorKind;
using utils::TransportResult;

TransportResult<HttpResponse> response(unsigned status, std::string content_type, std::string body) {
  HttpResponse answer;
  answer.status = status;
  answer.headers.emplace_back("Content-Type", std::move(content_type));
  answer.body = std::move(body);
  return answer;
}

TEST(Nip11Fetch, AcceptedDocumentBecomesData) {
  const auto fetch =
      judge_nip11_fetch(response(200, "application/nostr+json", R"({"name":"r","supported_nips":[11,1]})"),
                        kNip11MonitorMaxSize);
  EXPECT_TRUE(fetch.result.succeeded());
  EXPECT_EQ(fetch.result.data.at("name").as_string(), "r");
  EXPECT_EQ(boost::json::serialize(fetch.result.data.at("supported_nips")), "[1,11]");
  EXPECT_TRUE(fetch.dropped_fields.empty());
  EXPECT_FALSE(fetch.min_pow_difficulty.has_value());
  EXPECT_FALSE(fetch.insecure);
}

TEST(Nip11Fetch, ReturnsDroppedFieldsAndPowDifficulty) {
  const auto fetch = judge_nip11_fetch(
      response(
          200, "application/json",
          R"({"name":7,"supported_nips":[1,"x"],"limitation":{"min_pow_difficulty":12,"max_limit":true}})"),
      kNip11MonitorMaxSize);
  ASSERT_TRUE(fetch.result.succeeded());
  EXPECT_FALSE(fetch.result.data.contains("name"));
  EXPECT_EQ(fetch.dropped_fields,
            (std::vector<std::string>{"name", "supported_nips[1]", "limitation.max_limit"}));
  EXPECT_EQ(fetch.min_pow_difficulty, 12);
}

TEST(Nip11Fetch, InsecureFallbackIsReported) {
  auto answer = response(200, "application/nostr+json", "{}");
  answer->insecure = true;
  EXPECT_TRUE(judge_nip11_fetch(answer, kNip11MonitorMaxSize).insecure);
}

TEST(Nip11Fetch, StatusAndContentTypeFailures) {
  EXPECT_EQ(judge_nip11_fetch(response(404, "application/json", "{}"), 100).result.reason(), "HTTP 404");
  EXPECT_EQ(judge_nip11_fetch(response(200, "text/html; charset=utf-8", "{}"), 100).result.reason(),
            "Invalid Content-Type: text/html");
}

TEST(Nip11Fetch, MissingContentTypeIsInvalid) {
  HttpResponse answer;
  answer.status = 200;
  answer.body = "{}";
  EXPECT_EQ(judge_nip11_fetch(answer, 100).result.reason(), "Invalid Content-Type: ");
}

TEST(Nip11Fetch, BodyThatIsNoObjectFails) {
  EXPECT_EQ(judge_nip11_fetch(response(200, "application/json", "[1]"), 100).result.reason(),
            "Expected dict, got list");
  const auto garbage = judge_nip11_fetch(response(200, "application/json", "<html>"), 100);
  EXPECT_FALSE(garbage.result.succeeded());
  EXPECT_TRUE(garbage.result.reason().starts_with("invalid JSON")) << garbage.result.reason();
  EXPECT_TRUE(garbage.result.data.empty());
}

TEST(Nip11Fetch, TooLargeTransportErrorUsesSpecReason) {
  const TransportResult<HttpResponse> cut =
      utils::transport_error(TransportErrorKind::too_large, "over 1024 bytes");
  EXPECT_EQ(judge_nip11_fetch(cut, 1024).result.reason(), "Response body too large: >1024 bytes");
}

TEST(Nip11Fetch, OtherTransportErrorsKeepTheirReason) {
  const TransportResult<HttpResponse> refused =
      utils::transport_error(TransportErrorKind::connection, "connection refused");
  const auto fetch = judge_nip11_fetch(refused, 1024);
  EXPECT_EQ(fetch.result.reason(), "connection: connection refused");
  EXPECT_TRUE(fetch.result.to_metadata(models::MetadataType::nip11_info).ok());
}

}  // namespace
}  // namespace bigbrotr::nips
