#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/run_command.hpp"

namespace bigbrotr::app {
namespace {

using bigbrotr::testing::run_bigbrotr;

const std::string kOnion = "2jsnlhfnelig5acq6iacydmzdbdmg7xwunm4xl6qwbvzacw4lwrjmlyd.onion";

TEST(CmdRelay, ParsePrintsCanonicalUrlAndNetwork) {
  const auto result = run_bigbrotr({"relay", "parse", "ws://Relay.Example.Com:443/x/"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "wss://relay.example.com/x clearnet\n");
  EXPECT_EQ(result.err, "");
}

TEST(CmdRelay, ParsePrintsOneLinePerUrlInOrder) {
  const auto result = run_bigbrotr(
      {"relay", "parse", "wss://relay.damus.io/", "wss://" + kOnion, "wss://[2606:4700::1111]:8080"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            "wss://relay.damus.io clearnet\n"
            "ws://" +
                kOnion +
                " tor\n"
                "wss://[2606:4700::1111]:8080 clearnet\n");
}

TEST(CmdRelay, ParseReportsInvalidUrlsAndExitsOne) {
  const auto result =
      run_bigbrotr({"relay", "parse", "https://relay.com", "wss://relay.com", "wss://127.0.0.1:7777"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out,
            "invalid https://relay.com: invalid scheme\n"
            "wss://relay.com clearnet\n"
            "invalid wss://127.0.0.1:7777: local addresses not allowed\n");
}

TEST(CmdRelay, ParseAllowLocalKeepsSchemeAndPort) {
  const auto result =
      run_bigbrotr({"relay", "parse", "--allow-local", "ws://127.0.0.1:7777", "ws://localhost:80/"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            "ws://127.0.0.1:7777 local\n"
            "ws://localhost local\n");
}

TEST(CmdRelay, ParseEscapesControlBytesInEchoedInput) {
  const auto result = run_bigbrotr({"relay", "parse", "wss://relay.com/a\nb"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, "invalid wss://relay.com/a\\x0ab: url contains control characters\n");
}

TEST(CmdRelay, ParseEchoesALongInvalidUrlInPart) {
  const std::string url = "wss://" + std::string(100000, 'a') + ".com";  // the host is too long
  const auto result = run_bigbrotr({"relay", "parse", url});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_LT(result.out.size(), 200U) << result.out.substr(0, 300);
  EXPECT_TRUE(result.out.starts_with("invalid wss://aaa")) << result.out.substr(0, 300);
  EXPECT_NE(result.out.find("... (" + std::to_string(url.size()) + " bytes): "), std::string::npos)
      << result.out.substr(0, 300);
}

TEST(CmdRelay, ParseWithoutUrlIsAnError) {
  const auto result = run_bigbrotr({"relay", "parse"});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_EQ(result.out.find("clearnet"), std::string::npos);
  EXPECT_FALSE(result.err.empty());
}

TEST(CmdRelay, RelayWithoutSubcommandIsAnError) {
  const auto result = run_bigbrotr({"relay"});
  EXPECT_NE(result.exit_code, 0);
}

TEST(CmdRelay, HelpDescribesTheCommands) {
  const auto group = run_bigbrotr({"relay", "--help"});
  EXPECT_EQ(group.exit_code, 0);
  EXPECT_NE(group.out.find("Relay URL tools and checks"), std::string::npos) << group.out;
  EXPECT_NE(group.out.find("parse"), std::string::npos) << group.out;

  const auto parse = run_bigbrotr({"relay", "parse", "--help"});
  EXPECT_EQ(parse.exit_code, 0);
  EXPECT_NE(parse.out.find("--allow-local"), std::string::npos) << parse.out;
  EXPECT_NE(parse.out.find("url"), std::string::npos) << parse.out;
}

}  // namespace
}  // namespace bigbrotr::app
