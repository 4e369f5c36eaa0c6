#include "models/machine_prefix.hpp"

#include <gtest/gtest.h>

namespace bigbrotr::models {
namespace {

TEST(MachinePrefix, IsOneLowerCaseWordBeforeTheColon) {
  EXPECT_EQ(machine_prefix("auth-required: we only serve members"), "auth-required");
  EXPECT_EQ(machine_prefix("pow:"), "pow");
  EXPECT_EQ(machine_prefix("Blocked: you"), "");
  EXPECT_EQ(machine_prefix("no prefix here"), "");
  EXPECT_EQ(machine_prefix(": empty"), "");
  EXPECT_EQ(machine_prefix("two words: x"), "");
}

TEST(MachinePrefix, NeedsTheColon) {
  EXPECT_TRUE(has_machine_prefix("auth-required: please", "auth-required"));
  EXPECT_TRUE(has_machine_prefix("auth-required:", "auth-required"));
  EXPECT_FALSE(has_machine_prefix("auth-required", "auth-required"));
  EXPECT_FALSE(has_machine_prefix("error: auth-required: x", "auth-required"));
  EXPECT_FALSE(has_machine_prefix("error: x", ""));
}

}  // namespace
}  // namespace bigbrotr::models
