#pragma once

#include <gtest/gtest.h>

#include <csignal>
#include <memory>
#include <string>
#include <utility>

#include "integration/runtime/runtime_test_support.hpp"
#include "support/background_process.hpp"
#include "support/free_loopback_port.hpp"

// The fixture of the metrics endpoint suites: a real `bigbrotr refresher` on a fresh
// SQLite file, cycling every second, serving its metrics on a free loopback port under
// the path a suite names; stopped with SIGTERM after each test, which must exit 0.
namespace bigbrotr::testing {

class RefresherWithMetricsTest : public ::testing::Test {
 protected:
  explicit RefresherWithMetricsTest(std::string path) : path_(std::move(path)) {}

  void SetUp() override {
    using namespace std::chrono_literals;
    init_database(folder_.sqlite_url());
    port_ = free_loopback_port();
    folder_.write("config/services/refresher.yaml",
                  "interval: 1\nmetrics:\n  enabled: true\n  host: 127.0.0.1\n"
                  "  port: " +
                      std::to_string(port_) + "\n  path: " + path_ + "\n");
    refresher_ = start_bigbrotr(
        {"refresher", "--config", (folder_.path() / "config").string(), "--db", folder_.sqlite_url()},
        folder_.path(), {"BIGBROTR_TEST_MIN_INTERVAL=1"});
    ASSERT_TRUE(refresher_->wait_for_log("cycle done", 60s)) << refresher_->err();
  }
  void TearDown() override {
    using namespace std::chrono_literals;
    if (!refresher_) return;
    refresher_->signal(SIGTERM);
    EXPECT_EQ(refresher_->wait_exit(30s), 0) << refresher_->err();
  }

  TempFolder folder_;
  int port_ = 0;
  std::unique_ptr<BackgroundProcess> refresher_;

 private:
  std::string path_;
};

}  // namespace bigbrotr::testing
