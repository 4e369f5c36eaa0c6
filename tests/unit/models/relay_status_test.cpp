#include "models/relay_status.hpp"

#include <gtest/gtest.h>

namespace bigbrotr::models {
namespace {

TEST(RelayStatus, NamesRoundTrip) {
  for (const RelayStatus status : {RelayStatus::up, RelayStatus::restricted, RelayStatus::down}) {
    EXPECT_EQ(parse_relay_status(to_string(status)), status);
  }
  EXPECT_FALSE(parse_relay_status("offline"));
}

TEST(RelayStatus, ReasonCodes) {
  EXPECT_EQ(up_verdict().reason_code(), "");
  EXPECT_EQ(down_verdict(StatusReason::timeout, "x").reason_code(), "timeout");
  EXPECT_EQ(down_verdict(StatusReason::http, "HTTP 502", 502).reason_code(), "http_502");
  EXPECT_EQ(restricted_verdict(StatusReason::payment, "pay").reason_code(), "payment");
}

TEST(RelayStatus, StoredCodesReadBack) {
  const auto http = verdict_from_codes("down", "http_503", "HTTP 503");
  ASSERT_TRUE(http);
  EXPECT_EQ(http->reason, StatusReason::http);
  EXPECT_EQ(http->http_status, 503);
  EXPECT_EQ(http->message, "HTTP 503");
  for (const StatusReason reason : {StatusReason::none, StatusReason::dns, StatusReason::silent,
                                    StatusReason::auth, StatusReason::blocked}) {
    const auto verdict = verdict_from_codes("restricted", to_string(reason), "");
    ASSERT_TRUE(verdict) << to_string(reason);
    EXPECT_EQ(verdict->reason, reason);
  }
  EXPECT_FALSE(verdict_from_codes("sideways", "", ""));
  EXPECT_FALSE(verdict_from_codes("down", "teapot", ""));
  EXPECT_FALSE(verdict_from_codes("down", "http_", ""));
  EXPECT_FALSE(verdict_from_codes("down", "http_5x", ""));
  EXPECT_FALSE(verdict_from_codes("down", "http_0", ""));
}

TEST(RelayStatus, MessagesAreCutOnACharacterBoundary) {
  const std::string long_text(1000, 'a');
  EXPECT_EQ(down_verdict(StatusReason::protocol, long_text).message.size(), kStatusMessageMax);
  // 299 ASCII bytes then a 2-byte character: the character does not fit and is dropped whole.
  const std::string mixed = std::string(kStatusMessageMax - 1, 'a') + "\xc3\xa9" + "tail";
  EXPECT_EQ(up_verdict(mixed).message, std::string(kStatusMessageMax - 1, 'a'));
}

TEST(RelayStatus, ClaimsTextRoundTrips) {
  const std::vector<ClaimMismatch> claims{ClaimMismatch::nip11_unreachable, ClaimMismatch::pow_undeclared};
  EXPECT_EQ(claims_text(claims), "nip11_unreachable,pow_undeclared");
  EXPECT_EQ(parse_claims("nip11_unreachable,pow_undeclared"), claims);
  EXPECT_EQ(claims_text({}), "");
  EXPECT_TRUE(parse_claims("").empty());
  EXPECT_EQ(parse_claims("bogus,auth_undeclared,"), std::vector<ClaimMismatch>{ClaimMismatch::auth_undeclared});
}

TEST(RelayStatus, RefusalPrefixes) {
  EXPECT_EQ(refusal_reason("auth-required: please", StatusReason::restricted), StatusReason::auth);
  EXPECT_EQ(refusal_reason("pow: difficulty 20", StatusReason::writes), StatusReason::pow);
  EXPECT_EQ(refusal_reason("payment-required: 1000 sats", StatusReason::writes), StatusReason::payment);
  EXPECT_EQ(refusal_reason("restricted: you must pay", StatusReason::restricted), StatusReason::payment);
  EXPECT_EQ(refusal_reason("restricted: Paid relay", StatusReason::writes), StatusReason::payment);
  EXPECT_EQ(refusal_reason("restricted: not on the list", StatusReason::writes), StatusReason::writes);
  EXPECT_EQ(refusal_reason("restricted: not on the list", StatusReason::restricted), StatusReason::restricted);
  EXPECT_EQ(refusal_reason("blocked: you", StatusReason::restricted), StatusReason::blocked);
  EXPECT_EQ(refusal_reason("blocked: kind not accepted", StatusReason::writes), StatusReason::writes);
}

TEST(RelayStatus, OtherTextRefusesNothing) {
  for (const char* text : {"duplicate: have it", "rate-limited: slow", "invalid: bad sig", "error: oops", "",
                           "no prefix at all", "Restricted: capitalised", ": empty prefix", "auth-required"}) {
    EXPECT_FALSE(refusal_reason(text, StatusReason::restricted)) << text;
  }
}

}  // namespace
}  // namespace bigbrotr::models
