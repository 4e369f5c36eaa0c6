#include "services/monitor/geo_databases.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

namespace bigbrotr::services::monitor {
namespace {

namespace fs = std::filesystem;

class MonitorGeoDatabases : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("bigbrotr-geo-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path dir_;
  std::ostringstream sink_;
  core::Logger logger_{"test", core::LogLevel::debug, core::LogFormat::text, sink_};
};

TEST_F(MonitorGeoDatabases, MissingFileNeedsDownload) {
  EXPECT_TRUE(needs_download(dir_ / "absent.mmdb", 30));
  EXPECT_TRUE(needs_download(dir_ / "absent.mmdb", std::nullopt));
}

TEST_F(MonitorGeoDatabases, FileOlderThanMaxAgeNeedsDownload) {
  const fs::path file = dir_ / "city.mmdb";
  std::ofstream(file) << "x";
  const auto now = fs::last_write_time(file);
  EXPECT_FALSE(needs_download(file, 30, now + std::chrono::hours(24 * 29)));
  EXPECT_TRUE(needs_download(file, 30, now + std::chrono::hours(24 * 31)));
  EXPECT_FALSE(needs_download(file, std::nullopt, now + std::chrono::hours(24 * 3650)));
}

TEST_F(MonitorGeoDatabases, FileAgeComesFromItsLastWrite) {
  const fs::path file = dir_ / "asn.mmdb";
  std::ofstream(file) << "x";
  const auto written = fs::last_write_time(file);
  EXPECT_DOUBLE_EQ(*file_age_seconds(file, written + std::chrono::hours(48)), 48.0 * 3600);
  EXPECT_FALSE(file_age_seconds(dir_ / "absent.mmdb"));
}

TEST_F(MonitorGeoDatabases, MissingWithoutUrlIsAbsentWithOneWarningEach) {
  core::GeoConfig config;
  config.city_database_path = (dir_ / "city.mmdb").string();
  config.asn_database_path = (dir_ / "asn.mmdb").string();
  config.city_download_url.reset();
  config.asn_download_url.reset();
  const GeoDatabases databases = open_geo_databases(config, true, true, logger_);
  EXPECT_FALSE(databases.city.has_value());
  EXPECT_FALSE(databases.asn.has_value());
  EXPECT_FALSE(databases.city_age_seconds.has_value());
  const std::string log = sink_.str();
  EXPECT_NE(log.find("GeoLite2-City"), std::string::npos);
  EXPECT_NE(log.find("GeoLite2-ASN"), std::string::npos);
}

TEST_F(MonitorGeoDatabases, UnreadableFileIsAbsent) {
  core::GeoConfig config;
  config.city_database_path = (dir_ / "city.mmdb").string();
  config.city_download_url.reset();
  std::ofstream(config.city_database_path) << "not a maxmind database";
  const GeoDatabases databases = open_geo_databases(config, true, false, logger_);
  EXPECT_FALSE(databases.city.has_value());
  EXPECT_NE(sink_.str().find("unreadable"), std::string::npos);
}

TEST_F(MonitorGeoDatabases, NothingOpenedWhenNotComputed) {
  core::GeoConfig config;
  const GeoDatabases databases = open_geo_databases(config, false, false, logger_);
  EXPECT_FALSE(databases.city.has_value());
  EXPECT_TRUE(sink_.str().empty());
}

}  // namespace
}  // namespace bigbrotr::services::monitor
