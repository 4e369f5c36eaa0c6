#include "nips/nip11/nip11_response.hpp"

#include <gtest/gtest.h>

#include <string>

namespace bigbrotr::nips {
namespace {

models::Relay relay(const char* url) { return models::Relay::parse(url).value(); }

TEST(Nip11Url, MapsSchemesAndKeepsPath) {
  EXPECT_EQ(nip11_url(relay("wss://relay.example.com")), "https://relay.example.com");
  EXPECT_EQ(nip11_url(relay("wss://relay.example.com/nostr")), "https://relay.example.com/nostr");
  EXPECT_EQ(nip11_url(relay("wss://relay.example.com:8080/x?q=1")), "https://relay.example.com:8080/x");
}

TEST(Nip11Url, OverlaysUseHttpAndDefaultPortsVanish) {
  const std::string onion = "ws://" + std::string(56, 'a') + ".onion";
  EXPECT_EQ(nip11_url(relay(onion.c_str())), "http://" + std::string(56, 'a') + ".onion");
  EXPECT_EQ(nip11_url(relay((onion + ":8080").c_str())), "http://" + std::string(56, 'a') + ".onion:8080");
  // A tor relay on 443 keeps it: the default of http is 80.
  EXPECT_EQ(nip11_url(relay((onion + ":443").c_str())), "http://" + std::string(56, 'a') + ".onion:443");
}

TEST(Nip11Url, BracketsIpv6) {
  EXPECT_EQ(nip11_url(relay("wss://[2606:4700:4700::1111]:7777")), "https://[2606:4700:4700::1111]:7777");
}

TEST(Nip11Response, AcceptsNostrJsonAndJson) {
  EXPECT_TRUE(accept_nip11_response(200, "application/nostr+json", R"({"name":"x"})").ok());
  EXPECT_TRUE(accept_nip11_response(200, "Application/JSON; charset=utf-8", "{}").ok());
  EXPECT_TRUE(accept_nip11_response(200, " application/json ", "{}").ok());
}

TEST(Nip11Response, RejectsOtherStatuses) {
  EXPECT_EQ(accept_nip11_response(404, "application/json", "{}").reason(), "HTTP 404");
  EXPECT_EQ(accept_nip11_response(204, "application/json", "{}").reason(), "HTTP 204");
  EXPECT_EQ(accept_nip11_response(301, "application/json", "{}").reason(), "HTTP 301");
}

TEST(Nip11Response, RejectsOtherContentTypes) {
  EXPECT_EQ(accept_nip11_response(200, "text/html; charset=utf-8", "{}").reason(),
            "Invalid Content-Type: text/html");
  EXPECT_EQ(accept_nip11_response(200, "", "{}").reason(), "Invalid Content-Type: ");
}

TEST(Nip11Response, RejectsBodiesOverTheCap) {
  const std::string body = "{\"name\":\"" + std::string(100, 'x') + "\"}";
  EXPECT_EQ(accept_nip11_response(200, "application/json", body, 50).reason(),
            "Response body too large: >50 bytes");
  EXPECT_TRUE(accept_nip11_response(200, "application/json", body, body.size()).ok());
}

TEST(Nip11Response, RejectsNonObjects) {
  EXPECT_EQ(accept_nip11_response(200, "application/json", "[1]").reason(), "Expected dict, got list");
}

TEST(Nip11Response, BuildsTheCheckResult) {
  auto ok = nip11_check_result(accept_nip11_response(200, "application/json", R"({"name":"x"})"));
  EXPECT_TRUE(ok.succeeded());
  EXPECT_EQ(ok.data.at("name").as_string(), "x");
  auto failed = nip11_check_result(accept_nip11_response(500, "application/json", "{}"));
  EXPECT_FALSE(failed.succeeded());
  EXPECT_EQ(failed.reason(), "HTTP 500");
  auto metadata = failed.to_metadata(models::MetadataType::nip11_info);
  ASSERT_TRUE(metadata.ok());
  EXPECT_EQ(metadata->canonical_json(), R"({"logs":{"reason":"HTTP 500","success":false}})");
}

}  // namespace
}  // namespace bigbrotr::nips
