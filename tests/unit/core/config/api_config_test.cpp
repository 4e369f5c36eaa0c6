#include "core/config/api_config.hpp"

#include <gtest/gtest.h>

#include "unit/core/config/config_test_support.hpp"

namespace bigbrotr::core {
namespace {

using testing::parse;
using testing::parse_error;

TEST(ApiConfig, DefaultsServeLoopbackWithNoTable) {
  const ApiConfig c = parse<ApiConfig>("");
  EXPECT_EQ(c.host, "127.0.0.1");
  EXPECT_EQ(c.port, 8080);
  EXPECT_EQ(c.route_prefix, "/v1");
  EXPECT_EQ(c.default_page_size, 100);
  EXPECT_EQ(c.max_page_size, 1000);
  EXPECT_EQ(c.request_timeout, 30.0);
  EXPECT_EQ(c.base.interval, 60.0);
  EXPECT_TRUE(c.tables.empty());
  EXPECT_TRUE(c.cors_origins.empty());
}

TEST(ApiConfig, PrefixIsNormalised) {
  EXPECT_EQ(parse<ApiConfig>("route_prefix: api/v2/").route_prefix, "/api/v2");
  EXPECT_EQ(parse<ApiConfig>("route_prefix: '/'").route_prefix, "");
  EXPECT_EQ(parse_error<ApiConfig>("route_prefix: 'a?b'").key_path(), "route_prefix");
}

TEST(ApiConfig, TablesAreEnabledOneByOne) {
  const ApiConfig c = parse<ApiConfig>("tables: {relay: {enabled: true}, event: {enabled: false, price: 5}}");
  EXPECT_TRUE(c.tables.at("relay").enabled);
  EXPECT_FALSE(c.tables.at("event").enabled);
  EXPECT_EQ(c.tables.at("event").price, 5);
  EXPECT_EQ(parse_error<ApiConfig>("tables: {'Bad-Name': {enabled: true}}").key_path(), "tables.Bad-Name");
  EXPECT_EQ(parse_error<ApiConfig>("tables: {relay: {enabled: true, bogus: 1}}").key_path(), "tables.relay.bogus");
}

TEST(ApiConfig, RangesNameTheKey) {
  EXPECT_EQ(parse_error<ApiConfig>("port: 0").key_path(), "port");
  EXPECT_EQ(parse_error<ApiConfig>("max_page_size: 20000").key_path(), "max_page_size");
  EXPECT_EQ(parse_error<ApiConfig>("default_page_size: 500\nmax_page_size: 100").key_path(), "default_page_size");
  EXPECT_EQ(parse_error<ApiConfig>("request_timeout: 0.5").key_path(), "request_timeout");
  EXPECT_EQ(parse_error<ApiConfig>("host: ''").key_path(), "host");
  EXPECT_EQ(parse_error<ApiConfig>("metrics: {enabled: true, port: 8080}").key_path(), "port");
}

TEST(ApiConfig, CorsOriginsAreOrigins) {
  const ApiConfig c = parse<ApiConfig>("cors_origins: ['https://a.example', 'http://127.0.0.1:3000', '*']");
  EXPECT_EQ(c.cors_origins.size(), 3u);
  EXPECT_EQ(parse_error<ApiConfig>("cors_origins: ['https://a.example/path']").key_path(), "cors_origins[0]");
  EXPECT_EQ(parse_error<ApiConfig>("cors_origins: ['*', 'a.example']").key_path(), "cors_origins[1]");
}

}  // namespace
}  // namespace bigbrotr::core
