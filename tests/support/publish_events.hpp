#pragma once

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <cstddef>
#include <string>
#include <vector>

#include "models/event.hpp"
#include "models/relay.hpp"
#include "utils/transport/relay_client.hpp"

// Loading a relay with events through our own client, for suites that need a relay we did
// not write (the npm relay takes no data file) to hold a known data set.
namespace bigbrotr::testing {

// Publishes every event to the relay at `url` (loopback allowed) on one connection, one
// at a time; returns how many the relay accepted (0 when it cannot be reached).
inline std::size_t publish_all(const std::string& url, const std::vector<models::Event>& events) {
  const models::Relay relay = models::Relay::parse(url, {true}).value();
  boost::asio::io_context io;
  auto done = boost::asio::co_spawn(
      io,
      [&]() -> boost::asio::awaitable<std::size_t> {
        utils::RelayClientOptions options;
        options.transport.allow_local = true;
        auto client = co_await utils::RelayClient::connect(relay, options);
        if (!client) co_return 0;
        std::size_t accepted = 0;
        for (const auto& event : events) {
          auto ok = co_await client->publish(event);
          if (ok && ok->accepted) ++accepted;
        }
        co_await client->close();
        co_return accepted;
      },
      boost::asio::use_future);
  io.run();
  return done.get();
}

}  // namespace bigbrotr::testing
