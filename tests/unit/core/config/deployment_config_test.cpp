#include "core/config/deployment_config.hpp"

#include <gtest/gtest.h>

#include "unit/core/config/config_test_support.hpp"

namespace bigbrotr::core {
namespace {

using models::MetadataType;
using models::NetworkType;
using models::ServiceName;
using testing::TempDir;
using testing::test_options;

const std::filesystem::path kSource = BIGBROTR_SOURCE_DIR;

// What the shipped deployments need from the environment.
LoadOptions deployment_options() {
  return test_options({{"DB_WRITER_PASSWORD", "writer-secret"}, {"NOSTR_PRIVATE_KEY", std::string(64, '1')}});
}

TEST(DeploymentConfig, NoDirectoryMeansBuiltInDefaults) {
  const DeploymentConfig c = load_deployment({}, test_options());
  EXPECT_TRUE(c.directory.empty());
  EXPECT_TRUE(c.defaulted_files.empty());
  EXPECT_EQ(c.storage.database.url, "sqlite:./data/bigbrotr.db");
  EXPECT_EQ(c.storage.source_file, "");
  EXPECT_EQ(c.seeder.seed_file_path, "data/seed_relays.txt");
  EXPECT_EQ(c.finder.api.sources.size(), 2u);
  EXPECT_EQ(c.validator.networks.enabled(), std::vector<NetworkType>{NetworkType::clearnet});
  EXPECT_EQ(c.monitor.profile.name, "BigBrotr Monitor");
  EXPECT_EQ(c.synchronizer.processing.limit, 500);
  EXPECT_EQ(c.refresher.views.size(), 15u);
  // The refresher wakes every status_interval to refresh relay_uptime and relay_directory
  // (docs/status.md).
  EXPECT_EQ(c.refresher.base.interval, 86400.0);
  EXPECT_EQ(c.base(ServiceName::refresher).interval, 300.0);
  EXPECT_EQ(c.base(ServiceName::finder).interval, 300.0);
}

TEST(DeploymentConfig, DefaultsResolveTheKeyFromTheEnvironment) {
  const DeploymentConfig c = load_deployment({}, test_options({{"NOSTR_PRIVATE_KEY", "k"}}));
  EXPECT_EQ(c.monitor.keys.require().reveal(), "k");
  EXPECT_EQ(c.synchronizer.keys.require().reveal(), "k");
}

TEST(DeploymentConfig, EmptyDirectoryDefaultsEveryFileAndListsThem) {
  TempDir dir;
  const DeploymentConfig c = load_deployment(dir.path(), test_options());
  EXPECT_EQ(c.directory, dir.path());
  ASSERT_EQ(c.defaulted_files.size(), 8u);
  EXPECT_EQ(c.defaulted_files[0], dir.path() / "brotr.yaml");
  EXPECT_EQ(c.defaulted_files[1], dir.path() / "services" / "seeder.yaml");
  EXPECT_EQ(c.monitor.processing.chunk_size, 100);
}

TEST(DeploymentConfig, PresentFilesAreReadAndMissingOnesDefaulted) {
  TempDir dir;
  dir.write("brotr.yaml", "database: {url: 'sqlite:x.db'}\n");
  dir.write("services/validator.yaml", "processing: {chunk_size: 20}\n");
  const DeploymentConfig c = load_deployment(dir.path(), test_options());
  EXPECT_EQ(c.storage.database.url, "sqlite:x.db");
  EXPECT_EQ(c.storage.source_file, (dir.path() / "brotr.yaml").string());
  EXPECT_EQ(c.validator.processing.chunk_size, 20);
  EXPECT_EQ(c.defaulted_files.size(), 6u);
}

TEST(DeploymentConfig, AnInvalidServiceFileNamesItself) {
  TempDir dir;
  const auto file = dir.write("services/monitor.yaml", "processing:\n  chunk_size: 5\n");
  try {
    load_deployment(dir.path(), test_options());
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.file(), file.string());
    EXPECT_EQ(e.key_path(), "processing.chunk_size");
    EXPECT_EQ(std::string(e.what()),
              file.string() + ": processing.chunk_size: must be between 10 and 1000, got 5");
  }
}

TEST(DeploymentConfig, MissingDirectoryIsAnError) {
  TempDir dir;
  EXPECT_THROW(load_deployment(dir.path() / "nope", test_options()), ConfigError);
  const auto file = dir.write("file.yaml", "");
  EXPECT_THROW(load_deployment(file, test_options()), ConfigError);
}

TEST(DeploymentConfig, AllowLocalEnablesTheLocalNetwork) {
  DeploymentConfig c = load_deployment({}, test_options());
  allow_local_networks(c);
  EXPECT_TRUE(c.validator.networks.is_enabled(NetworkType::local));
  EXPECT_TRUE(c.monitor.networks.is_enabled(NetworkType::local));
  EXPECT_TRUE(c.synchronizer.networks.is_enabled(NetworkType::local));
}

TEST(DeploymentConfig, BaseOfDvmIsAProgrammingError) {
  const DeploymentConfig c;
  EXPECT_THROW(c.base(ServiceName::dvm), std::invalid_argument);
}

TEST(DeploymentConfig, ApiFileIsReadWithTheOthers) {
  TempDir dir;
  dir.write("services/api.yaml", "port: 9090\nroute_prefix: api/\ntables: {relay: {enabled: true}}\n");
  const DeploymentConfig c = load_deployment(dir.path(), test_options());
  EXPECT_EQ(c.api.port, 9090);
  EXPECT_EQ(c.api.route_prefix, "/api");
  EXPECT_TRUE(c.api.tables.at("relay").enabled);
  EXPECT_EQ(c.base(ServiceName::api).interval, 60.0);
}

TEST(DeploymentConfig, ShippedBigbrotrDeploymentLoads) {
  const DeploymentConfig c = load_deployment(kSource / "deployments/bigbrotr/config", deployment_options());
  EXPECT_TRUE(c.defaulted_files.empty());
  EXPECT_EQ(c.storage.database.flavour, DatabaseFlavour::bigbrotr);
  EXPECT_EQ(c.storage.database.url, "postgresql://writer@pgbouncer:6432/bigbrotr");
  EXPECT_EQ(c.storage.database.password->reveal(), "writer-secret");
  EXPECT_TRUE(c.validator.networks.is_enabled(NetworkType::tor));
  EXPECT_EQ(c.validator.networks.proxy_for(NetworkType::tor), "socks5h://tor:9050");
  EXPECT_TRUE(c.monitor.networks.is_enabled(NetworkType::tor));
  EXPECT_TRUE(c.synchronizer.networks.is_enabled(NetworkType::tor));
  EXPECT_EQ(c.monitor.processing.retries[MetadataType::nip11_info].max_attempts, 3);
  EXPECT_EQ(c.monitor.processing.retries[MetadataType::nip66_geo].max_attempts, 1);
  EXPECT_EQ(c.monitor.profile.name, "BigBrotr Monitor");
  EXPECT_TRUE(c.finder.base.metrics.serves());
  EXPECT_EQ(c.finder.base.metrics.port, 8001);
  EXPECT_EQ(c.refresher.views, RefresherConfig::default_views());
  EXPECT_FALSE(c.seeder.base.metrics.enabled);
  EXPECT_EQ(c.api.port, 8080);
  EXPECT_TRUE(c.api.tables.at("relay_uptime").enabled);
  // Relative to the working directory, as scripts/run.sh runs from the repository root.
  EXPECT_EQ(c.seeder.seed_file_path, "data/seed_relays.txt");
  EXPECT_EQ(c.monitor.geo.city_database_path, "data/GeoLite2-City.mmdb");
  EXPECT_EQ(c.monitor.geo.asn_database_path, "data/GeoLite2-ASN.mmdb");
}

TEST(DeploymentConfig, ShippedLilbrotrDeploymentLoads) {
  const DeploymentConfig c = load_deployment(kSource / "deployments/lilbrotr/config", deployment_options());
  EXPECT_TRUE(c.defaulted_files.empty());
  EXPECT_EQ(c.storage.database.flavour, DatabaseFlavour::lilbrotr);
  EXPECT_EQ(c.storage.database.url, "postgresql://writer@pgbouncer:6432/lilbrotr");
  EXPECT_EQ(c.monitor.profile.name, "LilBrotr Monitor");
  EXPECT_EQ(c.finder.base.metrics.port, 9001);
}

TEST(DeploymentConfig, ShippedDeploymentFollowsTheEnvironment) {
  LoadOptions options = test_options({{"DB_USER", "refresher"},
                                      {"DB_PASSWORD_ENV", "DB_REFRESHER_PASSWORD"},
                                      {"DB_REFRESHER_PASSWORD", "r"},
                                      {"METRICS_PORT", "8000"},
                                      {"TOR_PROXY", "socks5h://127.0.0.1:9050"},
                                      {"SEED_FILE", "/usr/share/bigbrotr/seed_relays.txt"},
                                      {"GEOLITE2_DIR", "/var/lib/bigbrotr"}});
  const DeploymentConfig c = load_deployment(kSource / "deployments/bigbrotr/config", options);
  EXPECT_EQ(c.storage.database.url, "postgresql://refresher@pgbouncer:6432/bigbrotr");
  EXPECT_EQ(c.storage.database.password->reveal(), "r");
  EXPECT_EQ(c.refresher.base.metrics.port, 8000);
  EXPECT_EQ(c.monitor.networks.tor.proxy_url, "socks5h://127.0.0.1:9050");
  // The Debian package's units (packaging/systemd) set these two.
  EXPECT_EQ(c.seeder.seed_file_path, "/usr/share/bigbrotr/seed_relays.txt");
  EXPECT_EQ(c.monitor.geo.city_database_path, "/var/lib/bigbrotr/GeoLite2-City.mmdb");
  EXPECT_EQ(c.monitor.geo.asn_database_path, "/var/lib/bigbrotr/GeoLite2-ASN.mmdb");
}

// `bigbrotr run` on the shipped deployments: the refresher and the api log in as their
// roles, the others as the URL's writer.
TEST(DeploymentConfig, ShippedDeploymentsGiveTheRefresherAndTheApiTheirRoles) {
  for (const char* flavour : {"bigbrotr", "lilbrotr"}) {
    const DeploymentConfig c = load_deployment(kSource / "deployments" / flavour / "config",
                                               test_options({{"DB_WRITER_PASSWORD", "w"},
                                                             {"DB_REFRESHER_PASSWORD", "r"},
                                                             {"NOSTR_PRIVATE_KEY", "k"}}));
    const auto& roles = c.storage.database.roles;
    ASSERT_EQ(roles.size(), 2u) << flavour;
    EXPECT_EQ(roles.at(models::ServiceName::refresher).user, "refresher");
    EXPECT_EQ(roles.at(models::ServiceName::refresher).password->reveal(), "r");
    EXPECT_EQ(roles.at(models::ServiceName::api).user, "reader");
    EXPECT_EQ(roles.at(models::ServiceName::api).password, std::nullopt);  // DB_READER_PASSWORD unset
  }
}

// The metrics endpoints of the shipped deployments listen on loopback unless the
// environment (a container) says otherwise.
TEST(DeploymentConfig, ShippedDeploymentsServeMetricsOnLoopbackUnlessTold) {
  for (const char* flavour : {"bigbrotr", "lilbrotr"}) {
    const auto folder = kSource / "deployments" / flavour / "config";
    const DeploymentConfig local = load_deployment(folder, deployment_options());
    for (const auto* base : {&local.finder.base, &local.validator.base, &local.monitor.base,
                             &local.synchronizer.base, &local.refresher.base}) {
      EXPECT_EQ(base->metrics.host, "127.0.0.1") << flavour;
    }
    const LoadOptions exposed = test_options({{"DB_WRITER_PASSWORD", "w"},
                                              {"NOSTR_PRIVATE_KEY", std::string(64, '1')},
                                              {"METRICS_HOST", "0.0.0.0"}});
    EXPECT_EQ(load_deployment(folder, exposed).refresher.base.metrics.host, "0.0.0.0") << flavour;
  }
}

// Loading needs no password (SQLite in its place needs none); a PostgreSQL login does.
TEST(DeploymentConfig, ShippedDeploymentNeedsTheDatabasePasswordToLogIn) {
  const DeploymentConfig c = load_deployment(kSource / "deployments/bigbrotr/config", test_options());
  for (const auto& [service, key] : {std::pair{models::ServiceName::monitor, "database.password_env"},
                                     std::pair{models::ServiceName::refresher, "database.roles.refresher.password_env"}}) {
    try {
      database_login(c.storage, service);
      ADD_FAILURE() << "expected ConfigError for " << key;
    } catch (const ConfigError& e) {
      EXPECT_EQ(e.key_path(), key);
      EXPECT_NE(e.rule().find("is not set"), std::string::npos);
    }
  }
}

}  // namespace
}  // namespace bigbrotr::core
