#include "utils/transport/transport_error.hpp"

#include <gtest/gtest.h>

#include <memory>

namespace bigbrotr::utils {
namespace {

TEST(TransportError, ReasonStartsWithTheKind) {
  const TransportError error = transport_error(TransportErrorKind::certificate, "self-signed certificate");
  EXPECT_EQ(error.kind, TransportErrorKind::certificate);
  EXPECT_EQ(error.reason, "certificate: self-signed certificate");
}

TEST(TransportError, ResultHoldsMoveOnlyValues) {
  TransportResult<std::unique_ptr<int>> result(std::make_unique<int>(7));
  ASSERT_TRUE(result);
  EXPECT_EQ(*result.value(), 7);
  TransportResult<std::unique_ptr<int>> failed(
      transport_error(TransportErrorKind::timeout, "read timed out"));
  EXPECT_FALSE(failed);
  EXPECT_EQ(failed.kind(), TransportErrorKind::timeout);
  EXPECT_EQ(failed.reason(), "timeout: read timed out");
}

}  // namespace
}  // namespace bigbrotr::utils
