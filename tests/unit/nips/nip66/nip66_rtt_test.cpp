#include "nips/nip66/nip66_rtt.hpp"

#include <gtest/gtest.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <string>

namespace bigbrotr::nips {
namespace {

const std::string kOnion = "ws://2jsnlhfnelig5acq6iacydmzdbdmg7xwunm4xl6qwbvzacw4lwrjmlyd.onion";

TEST(Nip66Rtt, TestEventNamesTheRelay) {
  const UnsignedEvent event = rtt_test_event("wss://relay.example.com", kRttTestKind, 1700000000);
  EXPECT_EQ(event.kind, 22456);
  EXPECT_EQ(event.content, "nip66-test");
  EXPECT_EQ(event.created_at, 1700000000);
  EXPECT_EQ(event.tags, (models::EventTags{{"d", "wss://relay.example.com"}}));
}

TEST(Nip66Rtt, OverlayWithoutProxyFailsEveryPhaseWithoutConnecting) {
  boost::asio::io_context io;
  const auto relay = models::Relay::parse(kOnion).value();
  auto future = boost::asio::co_spawn(io, check_rtt(relay, RttCheckOptions{}), boost::asio::use_future);
  io.run();
  const RttOutcome outcome = future.get();
  EXPECT_FALSE(outcome.opened);
  const auto& logs = outcome.result.logs;
  for (const char* phase : {"open", "read", "write"}) {
    EXPECT_FALSE(logs.at(std::string(phase) + "_success").as_bool()) << phase;
    EXPECT_EQ(logs.at(std::string(phase) + "_reason").as_string(), "overlay network tor requires proxy")
        << phase;
  }
  EXPECT_TRUE(outcome.result.data.empty());
  EXPECT_TRUE(outcome.result.to_metadata(models::MetadataType::nip66_rtt).ok());
}

TEST(RttEphemeral, TheEphemeralRangeIsNip01s) {
  EXPECT_TRUE(is_ephemeral_kind(kRttTestKind));
  EXPECT_TRUE(is_ephemeral_kind(20000));
  EXPECT_TRUE(is_ephemeral_kind(29999));
  EXPECT_FALSE(is_ephemeral_kind(19999));
  EXPECT_FALSE(is_ephemeral_kind(30000));
  EXPECT_FALSE(is_ephemeral_kind(1));
}

}  // namespace
}  // namespace bigbrotr::nips
