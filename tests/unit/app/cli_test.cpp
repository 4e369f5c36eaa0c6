#include <gtest/gtest.h>

#include "support/run_command.hpp"

namespace bigbrotr::app {
namespace {

using bigbrotr::testing::run_bigbrotr;

TEST(Cli, HelpListsTheCommands) {
  const auto result = run_bigbrotr({"--help"});
  EXPECT_EQ(result.exit_code, 0);
  for (const char* command : {"event", "relay", "keys"}) {
    EXPECT_NE(result.out.find(command), std::string::npos) << command;
  }
}

TEST(Cli, EveryCommandHasHelp) {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"event", "--help"}, {"relay", "--help"}, {"keys", "--help"}, {"keys", "generate", "--help"}}) {
    const auto result = run_bigbrotr(args);
    EXPECT_EQ(result.exit_code, 0) << args[0];
    EXPECT_NE(result.out.find("Usage"), std::string::npos) << args[0];
  }
}

TEST(Cli, UnknownCommandIsAnError) {
  const auto result = run_bigbrotr({"frobnicate"});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_FALSE(result.err.empty());
}

TEST(Cli, NoCommandIsAnError) {
  const auto result = run_bigbrotr({});
  EXPECT_NE(result.exit_code, 0);
}

}  // namespace
}  // namespace bigbrotr::app
