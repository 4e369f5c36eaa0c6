#include "core/config/finder_config.hpp"

#include <gtest/gtest.h>

#include "unit/core/config/config_test_support.hpp"

namespace bigbrotr::core {
namespace {

using testing::file_error;
using testing::parse;
using testing::parse_error;
using testing::TempDir;

TEST(FinderConfig, DefaultsMatchTheSpec) {
  const FinderConfig c = parse<FinderConfig>("");
  EXPECT_TRUE(c.api.enabled);
  EXPECT_EQ(c.api.cooldown, 86400.0);
  EXPECT_EQ(c.api.request_delay, 1.0);
  EXPECT_EQ(c.api.max_response_size, 5242880);
  ASSERT_EQ(c.api.sources.size(), 2u);
  EXPECT_EQ(c.api.sources[0].url, "https://api.nostr.watch/v1/online");
  EXPECT_EQ(c.api.sources[1].url, "https://api.nostr.watch/v1/offline");
  for (const ApiSource& source : c.api.sources) {
    EXPECT_EQ(source.expression, "[*]");
    EXPECT_TRUE(source.enabled);
    EXPECT_EQ(source.timeout, 30.0);
    EXPECT_EQ(source.connect_timeout, 10.0);
    EXPECT_FALSE(source.allow_insecure);
  }
  EXPECT_TRUE(c.events.enabled);
  EXPECT_EQ(c.events.scan_size, 500);
  EXPECT_EQ(c.events.batch_size, 500);
  EXPECT_EQ(c.events.parallel_relays, 60);
  EXPECT_EQ(c.events.max_relay_time, 900.0);
  EXPECT_EQ(c.events.max_duration, 7200.0);
}

TEST(FinderConfig, ASourcesListReplacesTheDefaults) {
  const FinderConfig c = parse<FinderConfig>(R"(
api:
  sources:
    - url: https://example.com/relays.json
      expression: data.relays[*].url
      timeout: 5
      connect_timeout: 5
      allow_insecure: true
      enabled: false
)");
  ASSERT_EQ(c.api.sources.size(), 1u);
  EXPECT_EQ(c.api.sources[0].expression, "data.relays[*].url");
  EXPECT_EQ(c.api.sources[0].timeout, 5.0);
  EXPECT_TRUE(c.api.sources[0].allow_insecure);
  EXPECT_FALSE(c.api.sources[0].enabled);
}

TEST(FinderConfig, AnEmptySourcesListIsAllowed) {
  EXPECT_TRUE(parse<FinderConfig>("api: {sources: []}").api.sources.empty());
}

TEST(FinderConfig, SourceErrorsNameTheListItem) {
  ConfigError e = parse_error<FinderConfig>(
      "api:\n  sources:\n    - {url: 'https://a', expression: '[*]'}\n"
      "    - {url: 'ftp://b', expression: '[*]'}\n");
  EXPECT_EQ(e.key_path(), "api.sources[1].url");
  EXPECT_EQ(e.rule(), "must be an http:// or https:// URL, got 'ftp://b'");

  e = parse_error<FinderConfig>("api:\n  sources:\n    - {expression: '[*]'}\n");
  EXPECT_EQ(e.key_path(), "api.sources[0].url");
  EXPECT_EQ(e.rule(), "is required");

  e = parse_error<FinderConfig>("api:\n  sources:\n    - {url: 'https://a'}\n");
  EXPECT_EQ(e.key_path(), "api.sources[0].expression");
}

TEST(FinderConfig, ConnectTimeoutMustNotExceedTimeout) {
  const ConfigError e = parse_error<FinderConfig>(
      "api:\n  sources:\n    - {url: 'https://a', expression: '[*]', timeout: 5, connect_timeout: 6}\n");
  EXPECT_EQ(e.key_path(), "api.sources[0].connect_timeout");
  EXPECT_EQ(e.rule(), "must be at most timeout (5), got 6");
}

TEST(FinderConfig, DuplicateSourceUrlsAreRejected) {
  EXPECT_EQ(parse_error<FinderConfig>("api:\n  sources:\n    - {url: 'https://a', expression: x}\n"
                                      "    - {url: 'https://a', expression: y}\n")
                .key_path(),
            "api.sources[1].url");
}

TEST(FinderConfig, BoundsAreEnforced) {
  EXPECT_EQ(parse_error<FinderConfig>("api: {cooldown: 0}").key_path(), "api.cooldown");
  EXPECT_EQ(parse_error<FinderConfig>("api: {request_delay: 11}").key_path(), "api.request_delay");
  EXPECT_EQ(parse_error<FinderConfig>("api: {max_response_size: 1023}").key_path(), "api.max_response_size");
  EXPECT_EQ(parse_error<FinderConfig>("events: {scan_size: 9}").key_path(), "events.scan_size");
  EXPECT_EQ(parse_error<FinderConfig>("events: {batch_size: 10001}").key_path(), "events.batch_size");
  EXPECT_EQ(parse_error<FinderConfig>("events: {parallel_relays: 0}").key_path(), "events.parallel_relays");
  EXPECT_EQ(parse_error<FinderConfig>("events: {max_relay_time: 5}").key_path(), "events.max_relay_time");
  EXPECT_EQ(parse_error<FinderConfig>("events: {max_duration: 86401}").key_path(), "events.max_duration");
}

TEST(FinderConfig, WrongTypeOutOfRangeAndUnknownKeyNameFileAndPath) {
  TempDir dir;
  const std::string file = (dir.path() / "services/finder.yaml").string();
  ConfigError e = file_error<FinderConfig>(dir, "services/finder.yaml", "events:\n  scan_size: lots\n");
  EXPECT_EQ(e.file(), file);
  EXPECT_EQ(e.key_path(), "events.scan_size");
  EXPECT_EQ(e.rule(), "expected an integer, got 'lots'");

  e = file_error<FinderConfig>(dir, "services/finder.yaml",
                               "api:\n  sources:\n    - {url: 'https://a', expression: x, timeout: 500}\n");
  EXPECT_EQ(e.file(), file);
  EXPECT_EQ(e.key_path(), "api.sources[0].timeout");
  EXPECT_EQ(e.rule(), "must be between 0.1 and 120, got 500");

  e = file_error<FinderConfig>(dir, "services/finder.yaml",
                               "api:\n  sources:\n    - {url: 'https://a', expression: x, verify_tls: no}\n");
  EXPECT_EQ(e.key_path(), "api.sources[0].verify_tls");
  EXPECT_EQ(e.rule(), "unknown key");
}

}  // namespace
}  // namespace bigbrotr::core
