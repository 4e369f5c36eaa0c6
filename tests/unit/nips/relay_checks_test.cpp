#include "nips/relay_checks.hpp"

#include <gtest/gtest.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_future.hpp>

#include <string>
#include <vector>

namespace bigbrotr::nips {
namespace {

using models::MetadataType;

const std::string kOnion = "ws://2jsnlhfnelig5acq6iacydmzdbdmg7xwunm4xl6qwbvzacw4lwrjmlyd.onion";

// Runs the checks of an overlay relay without a proxy: every check decides without any
// network traffic, so this is pure logic.
RelayCheckReport run_without_proxy(std::vector<MetadataType> types) {
  boost::asio::io_context io;
  boost::asio::thread_pool pool(2);
  const auto relay = models::Relay::parse(kOnion).value();
  auto future = boost::asio::co_spawn(
      io, run_relay_checks(relay, std::move(types), RelayCheckOptions{}, pool), boost::asio::use_future);
  io.run();
  pool.join();
  return future.get();
}

TEST(RelayChecks, ReturnsOneResultPerRequestedTypeInStoredOrder) {
  const auto report = run_without_proxy({MetadataType::nip66_http, MetadataType::nip11_info});
  ASSERT_EQ(report.results.size(), 2U);
  EXPECT_EQ(report.results[0].first, MetadataType::nip11_info);
  EXPECT_EQ(report.results[1].first, MetadataType::nip66_http);
  EXPECT_EQ(report.find(MetadataType::nip66_rtt), nullptr);
}

TEST(RelayChecks, OverlayWithoutProxySaysWhyForEveryCheck) {
  const auto all = models::all_metadata_types();
  const auto report = run_without_proxy(std::vector<MetadataType>(all.begin(), all.end()));
  ASSERT_EQ(report.results.size(), all.size());
  for (const auto& [type, result] : report.results) {
    EXPECT_FALSE(result.succeeded()) << models::to_string(type);
    EXPECT_TRUE(result.to_metadata(type).ok()) << models::to_string(type);
  }
  EXPECT_EQ(report.find(MetadataType::nip66_rtt)->logs.at("open_reason").as_string(),
            "overlay network tor requires proxy");
  // http reuses the rtt connection attempt, so it reports the same reason.
  EXPECT_EQ(report.find(MetadataType::nip66_http)->reason(), "overlay network tor requires proxy");
  for (const auto type :
       {MetadataType::nip66_ssl, MetadataType::nip66_dns, MetadataType::nip66_geo, MetadataType::nip66_net}) {
    EXPECT_EQ(report.find(type)->reason(), "requires clearnet, got tor") << models::to_string(type);
  }
  EXPECT_FALSE(report.find(MetadataType::nip11_info)->reason().empty());
}

TEST(RelayChecks, HttpAloneChecksTheProxyRuleItself) {
  const auto report = run_without_proxy({MetadataType::nip66_http});
  EXPECT_EQ(report.find(MetadataType::nip66_http)->reason(), "overlay network tor requires proxy");
}

}  // namespace
}  // namespace bigbrotr::nips
