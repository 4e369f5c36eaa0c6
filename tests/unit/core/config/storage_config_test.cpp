#include "core/config/storage_config.hpp"

#include <gtest/gtest.h>

#include "unit/core/config/config_test_support.hpp"

namespace bigbrotr::core {
namespace {

using testing::file_error;
using testing::parse;
using testing::parse_error;
using testing::TempDir;
using testing::test_options;

TEST(StorageConfig, DefaultsMatchTheSpec) {
  const StorageConfig c = parse<StorageConfig>("");
  EXPECT_EQ(c.database.url, "sqlite:./data/bigbrotr.db");
  EXPECT_EQ(c.database.flavour, DatabaseFlavour::bigbrotr);
  EXPECT_EQ(c.database.password_env, std::nullopt);
  EXPECT_EQ(c.database.password, std::nullopt);
  EXPECT_EQ(c.pool.min_size, 1);
  EXPECT_EQ(c.pool.max_size, 5);
  EXPECT_EQ(c.pool.max_queries, 50000);
  EXPECT_EQ(c.pool.max_inactive_connection_lifetime, 300.0);
  EXPECT_EQ(c.pool.acquisition_timeout, 10.0);
  EXPECT_EQ(c.pool.retry.max_attempts, 3);
  EXPECT_EQ(c.pool.retry.initial_delay, 1.0);
  EXPECT_EQ(c.pool.retry.max_delay, 10.0);
  EXPECT_TRUE(c.pool.retry.exponential_backoff);
  EXPECT_EQ(c.pool.server_settings.application_name, std::nullopt);
  EXPECT_EQ(c.pool.server_settings.timezone, "UTC");
  EXPECT_EQ(c.pool.server_settings.statement_timeout_ms, 0);
  EXPECT_EQ(c.batch_max_size, 1000);
  EXPECT_EQ(c.timeouts.query, 60.0);
  EXPECT_EQ(c.timeouts.batch, 120.0);
  EXPECT_EQ(c.timeouts.cleanup, 90.0);
  EXPECT_EQ(c.timeouts.refresh, std::nullopt);
  EXPECT_TRUE(c.is_sqlite());
}

TEST(StorageConfig, ReadsEveryKey) {
  const StorageConfig c = parse<StorageConfig>(R"(
database: {url: "postgresql://writer@db:5432/lilbrotr", flavour: lilbrotr}
pool:
  min_size: 2
  max_size: 8
  max_queries: 1000
  max_inactive_connection_lifetime: 0
  acquisition_timeout: 2.5
  retry: {max_attempts: 5, initial_delay: 0.5, max_delay: 30, exponential_backoff: false}
  server_settings: {application_name: custom, timezone: Europe/Rome, statement_timeout_ms: 5000}
batch: {max_size: 500}
timeouts: {query: null, batch: 3600, cleanup: 0.1, refresh: 7200}
)");
  EXPECT_EQ(c.database.flavour, DatabaseFlavour::lilbrotr);
  EXPECT_FALSE(c.is_sqlite());
  EXPECT_EQ(c.pool.min_size, 2);
  EXPECT_EQ(c.pool.max_size, 8);
  EXPECT_EQ(c.pool.retry.max_delay, 30.0);
  EXPECT_FALSE(c.pool.retry.exponential_backoff);
  EXPECT_EQ(c.application_name(models::ServiceName::monitor), "custom");
  EXPECT_EQ(c.pool.server_settings.statement_timeout_ms, 5000);
  EXPECT_EQ(c.batch_max_size, 500);
  EXPECT_EQ(c.timeouts.query, std::nullopt);
  EXPECT_EQ(c.timeouts.refresh, 7200.0);
}

TEST(StorageConfig, ApplicationNameDefaultsToTheServiceName) {
  EXPECT_EQ(parse<StorageConfig>("").application_name(models::ServiceName::finder), "finder");
}

TEST(StorageConfig, AcceptsConninfoStrings) {
  EXPECT_EQ(parse<StorageConfig>("database: {url: 'host=db dbname=bigbrotr user=writer'}").database.url,
            "host=db dbname=bigbrotr user=writer");
}

TEST(StorageConfig, RejectsAnUnknownUrlScheme) {
  const ConfigError e = parse_error<StorageConfig>("database: {url: 'mysql://db/x'}");
  EXPECT_EQ(e.key_path(), "database.url");
}

TEST(StorageConfig, RejectsAnUnknownFlavour) {
  const ConfigError e = parse_error<StorageConfig>("database: {flavour: hugebrotr}");
  EXPECT_EQ(e.key_path(), "database.flavour");
  EXPECT_EQ(e.rule(), "expected one of bigbrotr, lilbrotr, got 'hugebrotr'");
}

TEST(StorageConfig, WrongTypeOutOfRangeAndUnknownKeyNameFileAndPath) {
  TempDir dir;
  ConfigError e = file_error<StorageConfig>(dir, "brotr.yaml", "pool:\n  min_size: many\n");
  EXPECT_EQ(e.file(), (dir.path() / "brotr.yaml").string());
  EXPECT_EQ(e.key_path(), "pool.min_size");
  EXPECT_EQ(e.rule(), "expected an integer, got 'many'");

  e = file_error<StorageConfig>(dir, "brotr.yaml", "batch:\n  max_size: 0\n");
  EXPECT_EQ(e.key_path(), "batch.max_size");
  EXPECT_EQ(e.rule(), "must be between 1 and 100000, got 0");

  e = file_error<StorageConfig>(dir, "brotr.yaml", "pool:\n  retry:\n    max_attempt: 3\n");
  EXPECT_EQ(e.file(), (dir.path() / "brotr.yaml").string());
  EXPECT_EQ(e.key_path(), "pool.retry.max_attempt");
  EXPECT_EQ(e.rule(), "unknown key");
}

TEST(StorageConfig, TimeoutsAreNullOrWithinBounds) {
  EXPECT_EQ(parse_error<StorageConfig>("timeouts: {query: 0.05}").key_path(), "timeouts.query");
  EXPECT_EQ(parse_error<StorageConfig>("timeouts: {batch: 3601}").key_path(), "timeouts.batch");
  EXPECT_EQ(parse<StorageConfig>("timeouts: {refresh: 100000}").timeouts.refresh, 100000.0);
}

TEST(StorageConfig, MaxSizeBelowMinSizeIsRejected) {
  const ConfigError e = parse_error<StorageConfig>("pool: {min_size: 4, max_size: 3}");
  EXPECT_EQ(e.key_path(), "pool.max_size");
  EXPECT_EQ(e.rule(), "must be at least pool.min_size (4), got 3");
}

TEST(StorageConfig, RetryMaxDelayBelowInitialDelayIsRejected) {
  EXPECT_EQ(parse_error<StorageConfig>("pool: {retry: {initial_delay: 5, max_delay: 2}}").key_path(),
            "pool.retry.max_delay");
}

TEST(StorageConfig, PasswordIsReadFromTheNamedVariable) {
  const StorageConfig c = parse<StorageConfig>(
      "database: {url: 'postgresql://writer@db/bigbrotr', "
      "password_env: DB_WRITER_PASSWORD}",
      test_options({{"DB_WRITER_PASSWORD", "hunter2"}}));
  ASSERT_TRUE(c.database.password);
  EXPECT_EQ(c.database.password->reveal(), "hunter2");
}

// An unset variable is an error only where a PostgreSQL login needs it, so SQLite runs
// with the shipped brotr.yaml and no password.
TEST(StorageConfig, MissingOrEmptyPasswordVariableStopsOnlyTheLoginThatNeedsIt) {
  for (const auto& env : {std::map<std::string, std::string>{},
                          std::map<std::string, std::string>{{"DB_WRITER_PASSWORD", ""}}}) {
    const StorageConfig c = parse<StorageConfig>("database: {password_env: DB_WRITER_PASSWORD}", test_options(env));
    EXPECT_EQ(c.database.password, std::nullopt);
    try {
      database_login(c, models::ServiceName::monitor);
      FAIL() << "expected ConfigError";
    } catch (const ConfigError& e) {
      EXPECT_EQ(e.key_path(), "database.password_env");
      EXPECT_EQ(e.rule(), "environment variable DB_WRITER_PASSWORD is not set");
    }
  }
}

TEST(StorageConfig, EachServiceGetsItsLogin) {
  const StorageConfig c = parse<StorageConfig>(
      "database: {password_env: W, roles: {refresher: {user: refresher, password_env: R}, api: {user: reader}}}",
      test_options({{"W", "w"}, {"R", "r"}}));
  const DatabaseLogin monitor = database_login(c, models::ServiceName::monitor);
  EXPECT_EQ(monitor.user, std::nullopt);
  EXPECT_EQ(monitor.password, "w");
  const DatabaseLogin refresher = database_login(c, models::ServiceName::refresher);
  EXPECT_EQ(refresher.user, "refresher");
  EXPECT_EQ(refresher.password, "r");
  // The URL's password is never sent for another login.
  EXPECT_EQ(database_login(c, models::ServiceName::api).password, std::nullopt);
  EXPECT_EQ(database_login(c, std::nullopt).password, "w");
}

TEST(StorageConfig, RolesGiveServicesTheirOwnLogin) {
  const StorageConfig c = parse<StorageConfig>(
      "database: {url: 'postgresql://writer@db/bigbrotr', password_env: W, roles: {"
      "refresher: {user: refresher, password_env: R}, api: {user: reader}}}",
      test_options({{"W", "w-secret"}, {"R", "r-secret"}}));
  ASSERT_EQ(c.database.roles.size(), 2u);
  const DatabaseRole& refresher = c.database.roles.at(models::ServiceName::refresher);
  EXPECT_EQ(refresher.user, "refresher");
  ASSERT_TRUE(refresher.password);
  EXPECT_EQ(refresher.password->reveal(), "r-secret");
  EXPECT_EQ(c.database.roles.at(models::ServiceName::api).password, std::nullopt);
  // A role's variable may be unset: only the service that uses the role needs it.
  const StorageConfig unset = parse<StorageConfig>("database: {roles: {api: {user: reader, password_env: UNSET}}}");
  EXPECT_EQ(unset.database.roles.at(models::ServiceName::api).password_env, "UNSET");
  EXPECT_EQ(unset.database.roles.at(models::ServiceName::api).password, std::nullopt);
  EXPECT_EQ(parse<StorageConfig>("").database.roles.size(), 0u);
}

TEST(StorageConfig, BadRolesNameTheirKey) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"{nope: {user: x}}", "database.roles.nope"},
      {"{api: {}}", "database.roles.api.user"},
      {"{api: {user: 'Robert; DROP'}}", "database.roles.api.user"},
      {"{api: {user: reader, password_env: ''}}", "database.roles.api.password_env"},
      {"{api: {user: reader, colour: blue}}", "database.roles.api.colour"},
  };
  for (const auto& [roles, key] : cases) {
    EXPECT_EQ(parse_error<StorageConfig>("database: {roles: " + roles + "}").key_path(), key) << roles;
  }
}

TEST(StorageConfig, UrlMayInterpolateThePassword) {
  const StorageConfig c =
      parse<StorageConfig>("database: {url: 'postgresql://writer:${DB_WRITER_PASSWORD}@db/x'}",
                           test_options({{"DB_WRITER_PASSWORD", "hunter2"}}));
  EXPECT_EQ(c.database.url, "postgresql://writer:hunter2@db/x");
  EXPECT_EQ(c.redacted_url(), "postgresql://writer:***@db/x");
}

TEST(StorageConfig, UrlWithAnUnsetVariableNamesIt) {
  const ConfigError e =
      parse_error<StorageConfig>("database: {url: 'postgresql://w:${DB_WRITER_PASSWORD}@db/x'}");
  EXPECT_EQ(e.key_path(), "database.url");
  EXPECT_EQ(e.rule(), "environment variable DB_WRITER_PASSWORD is not set");
}

TEST(StorageConfig, CommandLineOverrideWinsOverEnvironmentAndFile) {
  StorageConfig c = parse<StorageConfig>("database: {url: 'sqlite:file.db'}");
  apply_database_overrides(c, std::string("sqlite:cli.db"),
                           fixed_environment({{"BIGBROTR_DB", "sqlite:env.db"}}));
  EXPECT_EQ(c.database.url, "sqlite:cli.db");
}

TEST(StorageConfig, EnvironmentOverrideWinsOverFile) {
  StorageConfig c = parse<StorageConfig>("database: {url: 'sqlite:file.db'}");
  apply_database_overrides(c, std::nullopt, fixed_environment({{"BIGBROTR_DB", "postgresql://db/x"}}));
  EXPECT_EQ(c.database.url, "postgresql://db/x");
}

TEST(StorageConfig, NoOverrideKeepsTheFileUrl) {
  StorageConfig c = parse<StorageConfig>("database: {url: 'sqlite:file.db'}");
  apply_database_overrides(c, std::string(), fixed_environment({{"BIGBROTR_DB", ""}}));
  EXPECT_EQ(c.database.url, "sqlite:file.db");
}

TEST(StorageConfig, InvalidOverrideNamesItsOrigin) {
  StorageConfig c;
  try {
    apply_database_overrides(c, std::nullopt, fixed_environment({{"BIGBROTR_DB", "nonsense"}}));
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.file(), "BIGBROTR_DB");
    EXPECT_EQ(e.key_path(), "database.url");
  }
}

}  // namespace
}  // namespace bigbrotr::core
