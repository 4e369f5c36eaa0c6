#include "utils/transport/socks5_protocol.hpp"

#include <gtest/gtest.h>

#include <array>
#include <string>
#include <vector>

namespace bigbrotr::utils::socks5 {
namespace {

using Bytes = std::vector<std::uint8_t>;

Socks5Proxy with_credentials() { return Socks5Proxy{"127.0.0.1", 1080, "alice", "secret"}; }

TEST(Socks5Protocol, GreetingOffersNoAuthWithoutCredentials) {
  EXPECT_EQ(encode_greeting(Socks5Proxy{}), (Bytes{0x05, 0x01, 0x00}));
}

TEST(Socks5Protocol, GreetingOffersOnlyUserPassWithCredentials) {
  EXPECT_EQ(encode_greeting(with_credentials()), (Bytes{0x05, 0x01, 0x02}));
}

TEST(Socks5Protocol, MethodSelectionAcceptsTheOfferedMethod) {
  const std::array<std::uint8_t, 2> no_auth{0x05, 0x00};
  const std::array<std::uint8_t, 2> user_pass{0x05, 0x02};
  EXPECT_EQ(decode_method_selection(no_auth, Socks5Proxy{}).value(), kMethodNoAuth);
  EXPECT_EQ(decode_method_selection(user_pass, with_credentials()).value(), kMethodUserPass);
}

TEST(Socks5Protocol, MethodSelectionRejectsWhatWasNotOffered) {
  const std::array<std::uint8_t, 2> no_auth{0x05, 0x00};
  const std::array<std::uint8_t, 2> none{0x05, 0xFF};
  const std::array<std::uint8_t, 2> socks4{0x04, 0x00};
  EXPECT_EQ(decode_method_selection(no_auth, with_credentials()).kind(), TransportErrorKind::proxy);
  EXPECT_EQ(decode_method_selection(none, Socks5Proxy{}).reason(),
            "proxy: no acceptable authentication method");
  EXPECT_EQ(decode_method_selection(socks4, Socks5Proxy{}).kind(), TransportErrorKind::proxy);
}

TEST(Socks5Protocol, UserPassEncodesLengthPrefixedFields) {
  EXPECT_EQ(encode_user_pass("ab", "xyz").value(), (Bytes{0x01, 2, 'a', 'b', 3, 'x', 'y', 'z'}));
}

TEST(Socks5Protocol, UserPassRejectsEmptyAndOverlongFields) {
  EXPECT_FALSE(encode_user_pass("", "x"));
  EXPECT_FALSE(encode_user_pass("x", ""));
  EXPECT_FALSE(encode_user_pass(std::string(256, 'u'), "x"));
  EXPECT_TRUE(encode_user_pass(std::string(255, 'u'), std::string(255, 'p')));
}

TEST(Socks5Protocol, UserPassReplyStatus) {
  const std::array<std::uint8_t, 2> ok{0x01, 0x00};
  const std::array<std::uint8_t, 2> refused{0x01, 0x01};
  EXPECT_TRUE(decode_user_pass_reply(ok));
  EXPECT_EQ(decode_user_pass_reply(refused).reason(), "proxy: authentication refused");
}

TEST(Socks5Protocol, ConnectSendsNamesAsDomainSoTheProxyResolvesThem) {
  const std::string onion = "abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrstuvwx.onion";
  const Bytes request = encode_connect(onion, 80).value();
  ASSERT_EQ(request.size(), 5 + onion.size() + 2);
  EXPECT_EQ((Bytes{request.begin(), request.begin() + 5}),
            (Bytes{0x05, 0x01, 0x00, 0x03, static_cast<std::uint8_t>(onion.size())}));
  EXPECT_EQ(std::string(request.begin() + 5, request.end() - 2), onion);
  EXPECT_EQ(request[request.size() - 2], 0);
  EXPECT_EQ(request.back(), 80);
}

TEST(Socks5Protocol, ConnectSendsIpLiteralsAsAddresses) {
  EXPECT_EQ(encode_connect("127.0.0.1", 0x1F90).value(),
            (Bytes{0x05, 0x01, 0x00, 0x01, 127, 0, 0, 1, 0x1F, 0x90}));
  const Bytes v6 = encode_connect("::1", 443).value();
  ASSERT_EQ(v6.size(), 4u + 16u + 2u);
  EXPECT_EQ(v6[3], 0x04);
  EXPECT_EQ(v6[19], 1);
}

TEST(Socks5Protocol, ConnectRejectsEmptyAndOverlongNames) {
  EXPECT_EQ(encode_connect("", 80).kind(), TransportErrorKind::invalid_target);
  EXPECT_EQ(encode_connect(std::string(256, 'a'), 80).kind(), TransportErrorKind::invalid_target);
}

TEST(Socks5Protocol, ReplyHeadGivesTheBytesLeftPerAddressType) {
  const std::array<std::uint8_t, 5> ipv4{0x05, 0x00, 0x00, 0x01, 127};
  const std::array<std::uint8_t, 5> ipv6{0x05, 0x00, 0x00, 0x04, 0};
  const std::array<std::uint8_t, 5> domain{0x05, 0x00, 0x00, 0x03, 9};
  EXPECT_EQ(decode_connect_reply_head(ipv4).value(), 5u);
  EXPECT_EQ(decode_connect_reply_head(ipv6).value(), 17u);
  EXPECT_EQ(decode_connect_reply_head(domain).value(), 11u);
}

TEST(Socks5Protocol, EveryReplyCodeIsATypedProxyFailure) {
  const std::array<std::string_view, 9> expected{
      "",
      "proxy: general failure (reply 0x01)",
      "proxy: connection not allowed by ruleset (reply 0x02)",
      "proxy: network unreachable (reply 0x03)",
      "proxy: host unreachable (reply 0x04)",
      "proxy: connection refused (reply 0x05)",
      "proxy: ttl expired (reply 0x06)",
      "proxy: command not supported (reply 0x07)",
      "proxy: address type not supported (reply 0x08)",
  };
  for (std::uint8_t code = 1; code <= 8; ++code) {
    const std::array<std::uint8_t, 5> head{0x05, code, 0x00, 0x01, 0};
    const auto result = decode_connect_reply_head(head);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.kind(), TransportErrorKind::proxy);
    EXPECT_EQ(result.reason(), expected[code]);
  }
  const std::array<std::uint8_t, 5> unassigned{0x05, 0x2a, 0x00, 0x01, 0};
  EXPECT_EQ(decode_connect_reply_head(unassigned).reason(), "proxy: unassigned reply code (reply 0x2a)");
}

TEST(Socks5Protocol, ReplyHeadRejectsGarbage) {
  const std::array<std::uint8_t, 5> bad_version{0x04, 0x00, 0x00, 0x01, 0};
  const std::array<std::uint8_t, 5> bad_atyp{0x05, 0x00, 0x00, 0x09, 0};
  EXPECT_EQ(decode_connect_reply_head(bad_version).kind(), TransportErrorKind::proxy);
  EXPECT_EQ(decode_connect_reply_head(bad_atyp).kind(), TransportErrorKind::proxy);
}

}  // namespace
}  // namespace bigbrotr::utils::socks5
