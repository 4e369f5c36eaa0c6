#include "models/service_state.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace bigbrotr::models {
namespace {

TEST(ServiceState, StoresACandidateWithCanonicalValue) {
  auto state = ServiceState::create(ServiceName::validator, ServiceStateType::checkpoint, "wss://relay.example.com",
                                    boost::json::parse(R"({"timestamp": 5, "network": "clearnet", "failures": 0})"));
  ASSERT_TRUE(state.ok());
  EXPECT_EQ(state->key(), "wss://relay.example.com");
  EXPECT_EQ(state->value_json(), R"({"failures":0,"network":"clearnet","timestamp":5})");
}

TEST(ServiceState, RejectsEmptyKeyNonObjectValueAndNul) {
  EXPECT_FALSE(ServiceState::create(ServiceName::finder, ServiceStateType::cursor, "", boost::json::object{}).ok());
  EXPECT_FALSE(ServiceState::create(ServiceName::finder, ServiceStateType::cursor, "k", boost::json::array{}).ok());
  EXPECT_FALSE(ServiceState::create(ServiceName::finder, ServiceStateType::cursor, std::string("a\0b", 3),
                                    boost::json::object{})
                   .ok());
  EXPECT_FALSE(ServiceState::create(ServiceName::finder, ServiceStateType::cursor, "k",
                                    boost::json::parse(R"({"id":"\u0000"})"))
                   .ok());
}

TEST(ServiceState, EmptyObjectStaysAnObject) {
  auto state = ServiceState::create(ServiceName::monitor, ServiceStateType::checkpoint, "profile",
                                    boost::json::parse(R"({"x": null})"));
  ASSERT_TRUE(state.ok());
  EXPECT_EQ(state->value_json(), "{}");
}

}  // namespace
}  // namespace bigbrotr::models
