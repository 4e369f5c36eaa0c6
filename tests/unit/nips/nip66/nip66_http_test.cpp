#include "nips/nip66/nip66_http.hpp"

#include <gtest/gtest.h>

namespace bigbrotr::nips {
namespace {

TEST(Nip66Http, ServerAndPoweredByBecomeFields) {
  const auto result =
      http_check_result({{"Upgrade", "websocket"}, {"Server", "nginx/1.25"}, {"X-Powered-By", "strfry"}});
  ASSERT_TRUE(result.succeeded());
  EXPECT_EQ(result.data.at("http_server").as_string(), "nginx/1.25");
  EXPECT_EQ(result.data.at("http_powered_by").as_string(), "strfry");
  EXPECT_EQ(result.data.size(), 2U);
}

TEST(Nip66Http, HeaderNamesAreCaseInsensitiveAndEitherSuffices) {
  const auto result = http_check_result({{"x-powered-by", "Express"}});
  ASSERT_TRUE(result.succeeded());
  EXPECT_EQ(result.data.at("http_powered_by").as_string(), "Express");
  EXPECT_FALSE(result.data.contains("http_server"));
}

TEST(Nip66Http, NoHeadersIsAFailure) {
  const auto result = http_check_result({{"Upgrade", "websocket"}, {"Connection", "Upgrade"}});
  EXPECT_FALSE(result.succeeded());
  EXPECT_EQ(result.reason(), "no HTTP headers captured");
  EXPECT_TRUE(result.to_metadata(models::MetadataType::nip66_http).ok());
}

}  // namespace
}  // namespace bigbrotr::nips
