#include "utils/transport/address_guard.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace bigbrotr::utils {
namespace {

std::vector<models::IpLiteral> addresses(std::initializer_list<const char*> texts) {
  std::vector<models::IpLiteral> out;
  for (const char* text : texts) out.push_back(*models::parse_ip_literal(text));
  return out;
}

TEST(AddressGuard, AcceptsPublicAnswers) {
  EXPECT_TRUE(
      check_resolved_addresses("relay.example.com", addresses({"93.184.216.34", "2606:4700::1"}), false));
}

TEST(AddressGuard, RefusesANameThatResolvesToLoopback) {
  const auto result = check_resolved_addresses("evil.example.com", addresses({"127.0.0.1"}), false);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.kind(), TransportErrorKind::refused_local);
  EXPECT_EQ(result.reason(), "refused_local: evil.example.com resolves to local address 127.0.0.1");
}

TEST(AddressGuard, RefusesWhenAnyAddressIsReserved) {
  for (const char* reserved : {"10.1.2.3", "192.168.0.1", "169.254.169.254", "::1", "fe80::1", "fc00::1",
                               "::ffff:127.0.0.1", "0.0.0.0", "100.64.0.1"}) {
    EXPECT_EQ(
        check_resolved_addresses("mixed.example.com", addresses({"93.184.216.34", reserved}), false).kind(),
        TransportErrorKind::refused_local)
        << reserved;
  }
}

TEST(AddressGuard, AllowLocalAcceptsLoopback) {
  EXPECT_TRUE(check_resolved_addresses("localhost", addresses({"127.0.0.1", "::1"}), true));
}

TEST(AddressGuard, EmptyAnswerIsAResolveFailure) {
  EXPECT_EQ(check_resolved_addresses("x.example.com", {}, true).kind(), TransportErrorKind::resolve);
}

TEST(AddressGuard, OverlayHostsNeedAProxy) {
  const std::string onion = "abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrstuvwx.onion";
  EXPECT_EQ(check_target_host(onion, false, false).kind(), TransportErrorKind::invalid_target);
  EXPECT_EQ(check_target_host(onion, true, false).value(), models::NetworkType::tor);
  EXPECT_EQ(check_target_host("relay.i2p", false, false).kind(), TransportErrorKind::invalid_target);
}

TEST(AddressGuard, LocalTargetsAreRefusedEvenThroughAProxy) {
  EXPECT_EQ(check_target_host("localhost", false, false).kind(), TransportErrorKind::refused_local);
  EXPECT_EQ(check_target_host("127.0.0.1", true, false).kind(), TransportErrorKind::refused_local);
  EXPECT_EQ(check_target_host("localhost", true, true).value(), models::NetworkType::local);
}

TEST(AddressGuard, ClearnetNamesPassAndJunkIsInvalid) {
  EXPECT_EQ(check_target_host("relay.damus.io", false, false).value(), models::NetworkType::clearnet);
  EXPECT_EQ(check_target_host("", false, true).kind(), TransportErrorKind::invalid_target);
  EXPECT_EQ(check_target_host("no_dot", false, true).kind(), TransportErrorKind::invalid_target);
}

}  // namespace
}  // namespace bigbrotr::utils
