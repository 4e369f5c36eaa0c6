// The conformance suite, part 4: the status model's rows (relay_status) and the uptime
// view computed from them (docs/status.md), on a synthetic history of known shape.
#include <algorithm>
#include <cmath>
#include <vector>

#include "models/relay_status.hpp"
#include "store_conformance.hpp"

namespace bigbrotr::testing {
namespace {

using models::RelayStatus;
using models::StatusReason;

models::RelayStatusRecord status_row(const models::Relay& relay, std::int64_t at, models::StatusVerdict verdict,
                                     std::optional<std::int64_t> rtt_open = std::nullopt) {
  return models::RelayStatusRecord{relay, at, std::move(verdict), rtt_open, std::nullopt, std::nullopt, {}};
}

TEST_P(StoreConformance, StatusRowsReadBackInTimeOrder) {
  const auto a = make_relay("wss://a.example", 100);
  store().insert_relays(std::vector{a});
  const auto unknown = make_relay("wss://new.example", 150);
  const std::vector<models::RelayStatusRecord> rows{
      status_row(a, 300, models::down_verdict(StatusReason::http, "HTTP 502", 502)),
      status_row(a, 100, models::up_verdict(), 120),
      models::RelayStatusRecord{a,
                                200,
                                models::restricted_verdict(StatusReason::payment, "restricted: pay ✓"),
                                80,
                                90,
                                std::nullopt,
                                {models::ClaimMismatch::payment_undeclared, models::ClaimMismatch::nip11_unreachable}},
      status_row(unknown, 100, models::up_verdict(), 10),
  };
  EXPECT_EQ(store().insert_relay_statuses(rows), 4U);
  EXPECT_EQ(store().counts().relay_statuses, 4);
  EXPECT_EQ(store().counts().relays, 2);  // the status row brought its relay

  const auto history = store().relay_status_history("wss://a.example", 0, 1000, 100);
  ASSERT_EQ(history.size(), 3U);
  EXPECT_EQ(history[0].checked_at, 100);
  EXPECT_EQ(history[0].verdict.status, RelayStatus::up);
  EXPECT_EQ(history[0].rtt_open, 120);
  EXPECT_FALSE(history[0].rtt_read);
  EXPECT_EQ(history[1].verdict.reason, StatusReason::payment);
  EXPECT_EQ(history[1].verdict.message, "restricted: pay ✓");
  EXPECT_EQ(history[1].rtt_read, 90);
  EXPECT_EQ(history[1].claims, (std::vector<models::ClaimMismatch>{models::ClaimMismatch::payment_undeclared,
                                                                   models::ClaimMismatch::nip11_unreachable}));
  EXPECT_TRUE(history[0].claims.empty());
  EXPECT_EQ(history[2].verdict.reason_code(), "http_502");
  EXPECT_EQ(history[2].verdict.http_status, 502);

  EXPECT_EQ(store().relay_status_history("wss://a.example", 150, 250, 100).size(), 1U);
  EXPECT_EQ(store().relay_status_history("wss://a.example", 0, 1000, 2).size(), 2U);
  EXPECT_TRUE(store().relay_status_history("wss://none.example", 0, 1000, 100).empty());
}

TEST_P(StoreConformance, LaterVerdictOfTheSameSecondReplaces) {
  const auto a = make_relay("wss://a.example", 100);
  store().insert_relay_statuses(std::vector{status_row(a, 500, models::down_verdict(StatusReason::timeout, "t"))});
  // Twice in one call too: the last one wins.
  store().insert_relay_statuses(std::vector{status_row(a, 500, models::up_verdict("first")),
                                            status_row(a, 500, models::restricted_verdict(StatusReason::auth, "x"))});
  const auto history = store().relay_status_history("wss://a.example", 0, 1000, 100);
  ASSERT_EQ(history.size(), 1U);
  EXPECT_EQ(history[0].verdict.status, RelayStatus::restricted);
  EXPECT_EQ(history[0].verdict.reason, StatusReason::auth);
}

TEST_P(StoreConformance, DeletingARelayDeletesItsStatusRows) {
  const auto a = make_relay("wss://a.example", 100);
  store().insert_relay_statuses(std::vector{status_row(a, 500, models::up_verdict())});
  store().delete_relays(std::vector<std::string>{"wss://a.example"});
  EXPECT_EQ(store().counts().relay_statuses, 0);
}

TEST_P(StoreConformance, RetentionDeletesOnlyRowsBeforeTheCutoffInRounds) {
  const auto a = make_relay("wss://a.example", 100);
  const auto b = make_relay("wss://b.example", 100);
  std::vector<models::RelayStatusRecord> rows;
  for (std::int64_t at = 1000; at < 1025; ++at) {
    rows.push_back(status_row(a, at, models::up_verdict()));
    rows.push_back(status_row(b, at, models::down_verdict(StatusReason::dns, "no such host")));
  }
  store().insert_relay_statuses(rows);
  // 2 relays x 10 seconds before the cutoff, deleted 3 rows at a time.
  EXPECT_EQ(store().delete_relay_statuses_before(1010, 3), 20u);
  EXPECT_EQ(store().counts().relay_statuses, 30);
  const auto kept = store().relay_status_history("wss://a.example", 0, 5000, 100);
  ASSERT_EQ(kept.size(), 15u);
  EXPECT_EQ(kept.front().checked_at, 1010);
  EXPECT_EQ(store().delete_relay_statuses_before(1010, 3), 0u);
}

// Nearest rank: the value at rank ceil(p * n) of the sorted values.
std::int64_t nearest_rank(std::vector<std::int64_t> values, double p) {
  std::sort(values.begin(), values.end());
  const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(values.size())));
  return values.at(rank - 1);
}

// 30 days of checks every 5 minutes (check k at now - 150 - 300 k, k = 0..8639) with three
// outages: k 10..15 (within 24 h), k 1000..1011 (within 7 days), k 5000..5023 (17 days ago).
TEST_P(StoreConformance, UptimeOverThirtyDaysWithThreeOutages) {
  const std::int64_t now = models::unix_now();
  const auto a = make_relay("wss://a.example", 100);
  const auto b = make_relay("wss://b.example", 100);
  const auto c = make_relay("wss://c.example", 100);
  std::vector<models::RelayStatusRecord> rows;
  std::vector<std::int64_t> open_24h;
  const auto down = [](int k) {
    return (k >= 10 && k <= 15) || (k >= 1000 && k <= 1011) || (k >= 5000 && k <= 5023);
  };
  for (int k = 0; k < 8640; ++k) {
    const std::int64_t at = now - 150 - 300 * static_cast<std::int64_t>(k);
    if (down(k)) {
      rows.push_back(status_row(a, at, models::down_verdict(StatusReason::timeout, "timeout")));
      continue;
    }
    const std::int64_t open = 40 + (k * 37) % 200;
    if (k < 288) open_24h.push_back(open);
    rows.push_back(status_row(a, at, models::up_verdict(), open));
  }
  for (int k = 0; k < 10; ++k) {
    rows.push_back(status_row(b, now - 150 - 300 * k, models::restricted_verdict(StatusReason::auth, "AUTH")));
  }
  rows.push_back(status_row(c, now - 40 * 86400, models::down_verdict(StatusReason::dns, "resolve: no such name")));
  rows.back().claims = {models::ClaimMismatch::nip11_unreachable};
  store().insert_relay_statuses(rows);
  store().refresh_view("relay_uptime");
  const boost::json::array view = store().read_rows("relay_uptime", 100);
  ASSERT_EQ(view.size(), 3U);

  const boost::json::object* ra = row_where(view, "relay_url", "wss://a.example");
  ASSERT_NE(ra, nullptr);
  EXPECT_EQ(ra->at("status").as_string(), "up");
  EXPECT_EQ(number(ra->at("checks_24h")), 288);
  EXPECT_EQ(number(ra->at("checks_7d")), 2016);
  EXPECT_EQ(number(ra->at("checks_30d")), 8640);
  EXPECT_DOUBLE_EQ(number(ra->at("uptime_24h")), 0.9792);  // 282 / 288
  EXPECT_DOUBLE_EQ(number(ra->at("uptime_7d")), 0.9911);   // 1998 / 2016
  EXPECT_DOUBLE_EQ(number(ra->at("uptime_30d")), 0.9951);  // 8598 / 8640
  EXPECT_EQ(number(ra->at("last_up_at")), now - 150);
  EXPECT_EQ(number(ra->at("streak_alive")), 1);
  EXPECT_EQ(number(ra->at("streak_checks")), 10);  // k 0..9, since the outage at k 10..15
  EXPECT_EQ(number(ra->at("streak_since")), now - 150 - 300 * 9);
  EXPECT_EQ(number(ra->at("rtt_open_p50")), nearest_rank(open_24h, 0.5));
  EXPECT_EQ(number(ra->at("rtt_open_p90")), nearest_rank(open_24h, 0.9));
  EXPECT_TRUE(ra->at("rtt_read_p50").is_null());

  const boost::json::object* rb = row_where(view, "relay_url", "wss://b.example");
  ASSERT_NE(rb, nullptr);
  EXPECT_EQ(rb->at("status").as_string(), "restricted");
  EXPECT_EQ(rb->at("reason").as_string(), "auth");
  EXPECT_DOUBLE_EQ(number(rb->at("uptime_24h")), 1.0);
  EXPECT_EQ(number(rb->at("streak_checks")), 10);

  const boost::json::object* rc = row_where(view, "relay_url", "wss://c.example");
  ASSERT_NE(rc, nullptr);
  EXPECT_EQ(rc->at("status").as_string(), "down");
  EXPECT_EQ(rc->at("reason").as_string(), "dns");
  EXPECT_EQ(rc->at("claims").as_string(), "nip11_unreachable");
  EXPECT_EQ(ra->at("claims").as_string(), "");
  EXPECT_TRUE(rc->at("uptime_30d").is_null());
  EXPECT_EQ(number(rc->at("checks_30d")), 0);
  EXPECT_TRUE(rc->at("last_up_at").is_null());
  EXPECT_EQ(number(rc->at("streak_alive")), 0);
}

}  // namespace
}  // namespace bigbrotr::testing
