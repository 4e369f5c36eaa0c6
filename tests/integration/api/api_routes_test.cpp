// The observatory routes and the generic catalog routes of the api, on SQLite and
// PostgreSQL, over relays in every status with a known day of history.
#include <chrono>

#include "integration/api/api_test_support.hpp"

namespace bigbrotr::testing {
namespace {

namespace json = boost::json;

const auto* const kEnvironment = ::testing::AddGlobalTestEnvironment(new PostgresServerEnvironment);

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::vector<std::string> urls_of(const json::value& page) {
  std::vector<std::string> urls;
  for (const auto& row : page.at("data").as_array()) urls.emplace_back(row.at("relay_url").as_string());
  return urls;
}

class ApiRoutes : public ::testing::TestWithParam<ServiceBackend> {
 protected:
  void SetUp() override {
    harness_ = std::make_unique<ServiceHarness>(database_.url(), models::ServiceName::api);
    fill_known_relays(harness_->store(), now_);
    api_ = std::make_unique<ServedApi>(*harness_, database_.url());
  }

  const std::int64_t now_ = now_seconds();
  ApiDatabase database_{GetParam()};
  std::unique_ptr<ServiceHarness> harness_;
  std::unique_ptr<ServedApi> api_;
};

TEST_P(ApiRoutes, HealthAnswers) {
  EXPECT_EQ(api_->json("/health").at("status").as_string(), "ok");
}

TEST_P(ApiRoutes, StatsCountRelaysByStatusSoftwareCountryAndNip) {
  const json::value stats = api_->json("/v1/stats").at("data");
  const json::object& relays = stats.at("relays").as_object();
  EXPECT_EQ(relays.at("total").as_int64(), 7);
  EXPECT_EQ(relays.at("up").as_int64(), 2);
  EXPECT_EQ(relays.at("restricted").as_int64(), 2);
  EXPECT_EQ(relays.at("down").as_int64(), 2);
  EXPECT_EQ(relays.at("unchecked").as_int64(), 1);
  ASSERT_EQ(stats.at("by_network").as_array().size(), 1u);
  EXPECT_EQ(stats.at("by_network").at(0).at("network").as_string(), "clearnet");
  EXPECT_EQ(stats.at("by_network").at(0).at("down").as_int64(), 2);
  const json::array& software = stats.at("by_software").as_array();
  ASSERT_EQ(software.size(), 2u);
  EXPECT_EQ(software.at(0).at("software").as_string(), "git+https://example.com/strfry.git");
  EXPECT_EQ(software.at(0).at("relays").as_int64(), 2);
  EXPECT_EQ(stats.at("by_country").as_array().size(), 2u);
  const json::array& nips = stats.at("by_nip").as_array();
  ASSERT_EQ(nips.size(), 3u);
  EXPECT_EQ(nips.at(0).at("nip").as_int64(), 1);
  EXPECT_EQ(nips.at(0).at("relays").as_int64(), 3);
}

TEST_P(ApiRoutes, RelaysAreListedByUptimeWithTheirNip11Summary) {
  const json::value page = api_->json("/v1/relays");
  EXPECT_EQ(page.at("meta").at("total").as_int64(), 7);
  const auto urls = urls_of(page);
  // uptime_30d descending, NULLs last, then the URL.
  const std::vector<std::string> expected{KnownRelays::auth,    KnownRelays::paid, KnownRelays::with_path,
                                          KnownRelays::up,      KnownRelays::dns,  KnownRelays::timeout,
                                          KnownRelays::unchecked};
  EXPECT_EQ(urls, expected);
  const json::object& up = page.at("data").at(3).as_object();
  EXPECT_EQ(up.at("status").as_string(), "up");
  EXPECT_DOUBLE_EQ(up.at("uptime_24h").to_number<double>(), 0.75);
  EXPECT_EQ(up.at("name").as_string(), "Up <b>relay</b>");
  EXPECT_EQ(up.at("country").as_string(), "DE");
  EXPECT_EQ(json::serialize(up.at("supported_nips")), "[1,11,42]");
  const json::object& auth = page.at("data").at(0).as_object();
  EXPECT_EQ(auth.at("reason").as_string(), "auth");
  EXPECT_EQ(json::serialize(auth.at("requirements")), R"(["auth"])");
  EXPECT_EQ(json::serialize(auth.at("claims")), R"(["auth_undeclared"])");
  EXPECT_EQ(page.at("data").at(6).at("status").as_string(), "unchecked");
}

TEST_P(ApiRoutes, RelaysAreFilteredAndPaged) {
  const auto total = [&](const std::string& query) {
    return api_->json("/v1/relays?" + query).at("meta").at("total").as_int64();
  };
  EXPECT_EQ(total("status=restricted"), 2);
  EXPECT_EQ(total("status=unchecked"), 1);
  EXPECT_EQ(total("requirement=auth"), 1);
  EXPECT_EQ(total("requirement=payment"), 1);
  EXPECT_EQ(total("nip=11"), 2);
  EXPECT_EQ(total("nip=1"), 3);
  EXPECT_EQ(total("nip=4"), 0);
  EXPECT_EQ(total("country=DE"), 1);
  EXPECT_EQ(total("software=nostream"), 1);
  EXPECT_EQ(total("network=clearnet&status=down"), 2);
  EXPECT_EQ(total("q=PATH.example"), 1);
  const json::value page = api_->json("/v1/relays?sort=relay_url:asc&limit=2&offset=1");
  EXPECT_EQ(urls_of(page), (std::vector<std::string>{KnownRelays::dns, KnownRelays::unchecked}));
  EXPECT_EQ(page.at("meta").at("total").as_int64(), 7);
}

TEST_P(ApiRoutes, RelayPageHoldsTheLatestCheckOfEachType) {
  const json::value page = api_->json("/v1/relays/" + encoded(KnownRelays::up)).at("data");
  const json::object& relay = page.at("relay").as_object();
  EXPECT_EQ(relay.at("relay_url").as_string(), KnownRelays::up);
  EXPECT_EQ(relay.at("checks_24h").as_int64(), 24);
  EXPECT_EQ(relay.at("streak_alive").as_bool(), true);
  EXPECT_EQ(relay.at("streak_checks").as_int64(), 18);
  const json::object& checks = page.at("checks").as_object();
  EXPECT_EQ(checks.at("nip66_rtt").at("data").at("rtt_open").as_int64(), 123);
  EXPECT_EQ(checks.at("nip66_rtt").at("generated_at").as_int64(), now_ - 3600);
  EXPECT_EQ(checks.at("nip11_info").at("data").at("version").as_string(), "1.0");
  EXPECT_EQ(checks.at("nip66_geo").at("data").at("geo_city").as_string(), "Berlin");
  EXPECT_FALSE(checks.contains("nip66_ssl"));
  // A URL with a path travels as one percent-encoded segment.
  const json::value with_path = api_->json("/v1/relays/" + encoded(KnownRelays::with_path));
  EXPECT_EQ(with_path.at("data").at("relay").at("status").as_string(), "up");
  EXPECT_EQ(api_->json("/v1/relays/" + encoded("wss://unknown.example.com"), 404).at("error").as_string(),
            "relay not found");
}

TEST_P(ApiRoutes, HistoryIsATimeSeriesOldestFirst) {
  const json::value history = api_->json("/v1/relays/" + encoded(KnownRelays::up) + "/history");
  const json::array& points = history.at("data").as_array();
  ASSERT_EQ(points.size(), 24u);
  EXPECT_EQ(points.front().at("status").as_string(), "down");
  EXPECT_EQ(points.front().at("reason").as_string(), "timeout");
  EXPECT_EQ(points.back().at("status").as_string(), "up");
  EXPECT_LT(points.front().at("checked_at").as_int64(), points.back().at("checked_at").as_int64());
  EXPECT_EQ(history.at("meta").at("count").as_int64(), 24);
  const std::string since = std::to_string(now_ - 3 * 3600);
  EXPECT_EQ(api_->json("/v1/relays/" + encoded(KnownRelays::up) + "/history?since=" + since).at("data").as_array().size(),
            3u);
  const json::value rtt = api_->json("/v1/relays/" + encoded(KnownRelays::up) + "/history?type=nip66_rtt");
  ASSERT_EQ(rtt.at("data").as_array().size(), 2u);
  EXPECT_EQ(rtt.at("data").at(1).at("data").at("rtt_open").as_int64(), 123);
  EXPECT_EQ(api_->get("/v1/relays/" + encoded("wss://unknown.example.com") + "/history").status, 404);
}

TEST_P(ApiRoutes, GenericRoutesServeTheEnabledTablesOnly) {
  const json::value schema = api_->json("/v1/schema");
  std::vector<std::string> names;
  for (const auto& table : schema.at("data").as_array()) names.emplace_back(table.at("name").as_string());
  EXPECT_EQ(names, (std::vector<std::string>{"relay", "relay_status", "relay_uptime"}));
  const json::value detail = api_->json("/v1/schema/relay_uptime");
  EXPECT_EQ(detail.at("data").at("primary_key").at(0).as_string(), "relay_url");
  EXPECT_EQ(api_->get("/v1/schema/event").status, 404);
  EXPECT_EQ(api_->get("/v1/event").status, 404);
  const json::value restricted = api_->json("/v1/relay_uptime?status=restricted&sort=relay_url:desc");
  EXPECT_EQ(restricted.at("meta").at("total").as_int64(), 2);
  EXPECT_EQ(restricted.at("data").at(0).at("relay_url").as_string(), KnownRelays::paid);
  const json::value one = api_->json("/v1/relay_uptime/" + encoded(KnownRelays::auth));
  EXPECT_EQ(one.at("data").at("reason").as_string(), "auth");
  EXPECT_EQ(api_->get("/v1/relay_uptime/" + encoded("wss://unknown.example.com")).status, 404);
}

TEST_P(ApiRoutes, CyclesReportWhatWasServed) {
  api_->get("/v1/stats");
  api_->get("/v1/nope");
  api_->api().run();
  EXPECT_EQ(harness_->counter("requests_total"), 2);
  EXPECT_EQ(harness_->counter("requests_failed"), 1);
  EXPECT_EQ(harness_->gauge("tables_exposed"), 3);
}

INSTANTIATE_TEST_SUITE_P(Backends, ApiRoutes, ::testing::Values(ServiceBackend::sqlite, ServiceBackend::postgresql),
                         backend_name);

}  // namespace
}  // namespace bigbrotr::testing
