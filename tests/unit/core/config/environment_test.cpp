#include "core/config/environment.hpp"

#include <cstdlib>

#include <gtest/gtest.h>

namespace bigbrotr::core {
namespace {

TEST(Environment, FixedEnvironmentReturnsOnlyItsVariables) {
  const EnvLookup env = fixed_environment({{"A", "1"}, {"EMPTY", ""}});
  EXPECT_EQ(env("A"), "1");
  EXPECT_EQ(env("EMPTY"), "");
  EXPECT_EQ(env("B"), std::nullopt);
}

TEST(Environment, ProcessEnvironmentReadsGetenv) {
  ::setenv("BIGBROTR_CONFIG_TEST_VARIABLE", "value", 1);
  const EnvLookup env = process_environment();
  EXPECT_EQ(env("BIGBROTR_CONFIG_TEST_VARIABLE"), "value");
  ::unsetenv("BIGBROTR_CONFIG_TEST_VARIABLE");
  EXPECT_EQ(env("BIGBROTR_CONFIG_TEST_VARIABLE"), std::nullopt);
}

}  // namespace
}  // namespace bigbrotr::core
