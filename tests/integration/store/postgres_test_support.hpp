#pragma once

#include <gtest/gtest.h>

#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <ostream>
#include <string>
#include <thread>

#include "core/config/storage_config.hpp"
#include "core/logging/logger.hpp"
#include "core/store/postgres/postgres_store.hpp"
#include "support/postgres_server.hpp"

// What the PostgreSQL store tests share: one throwaway server for the whole process,
// started on first use (so a run filtered to other backends starts none) and stopped by a
// gtest Environment at exit, and fresh databases on it.
namespace bigbrotr::testing {

// Fresh databases, created ahead of need by a background thread: CREATE DATABASE costs
// a good part of a test's time and overlaps well with the previous test. They are copies
// of a template that already holds the extensions (as a deployment's image would), so a
// store's init creates only the schema.
class TestDatabaseSupply {
 public:
  static constexpr std::size_t kAhead = 2;

  explicit TestDatabaseSupply(PostgresServer& server) : server_(server) {
    server_.execute("postgres", "CREATE DATABASE bigbrotr_template");
    server_.execute("bigbrotr_template", "CREATE EXTENSION btree_gin; CREATE EXTENSION pg_stat_statements");
    worker_ = std::thread([this] { fill(); });
  }
  ~TestDatabaseSupply() {
    {
      const std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    changed_.notify_all();
    worker_.join();
  }

  // The name of a new, empty database (no schema). Throws what creating it threw.
  std::string take() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !ready_.empty() || failure_; });
    if (failure_) std::rethrow_exception(failure_);
    std::string name = std::move(ready_.front());
    ready_.pop_front();
    changed_.notify_all();
    return name;
  }

 private:
  void fill() {
    for (int counter = 0;; ++counter) {
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return stopping_ || ready_.size() < kAhead; });
        if (stopping_) return;
      }
      const std::string name = "test_" + std::to_string(counter);
      try {
        server_.execute("postgres", "CREATE DATABASE " + name + " TEMPLATE bigbrotr_template");
      } catch (...) {
        const std::lock_guard lock(mutex_);
        failure_ = std::current_exception();
        changed_.notify_all();
        return;
      }
      const std::lock_guard lock(mutex_);
      ready_.push_back(name);
      changed_.notify_all();
    }
  }

  PostgresServer& server_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::string> ready_;
  std::exception_ptr failure_;
  bool stopping_ = false;
  std::thread worker_;
};

struct PostgresTestServer {
  PostgresServer server;
  TestDatabaseSupply databases{server};
};

inline std::unique_ptr<PostgresTestServer>& postgres_server_slot() {
  static std::unique_ptr<PostgresTestServer> server;
  return server;
}

inline PostgresTestServer& postgres_test_server() {
  auto& server = postgres_server_slot();
  if (!server) server = std::make_unique<PostgresTestServer>();
  return *server;
}

inline PostgresServer& postgres_server() { return postgres_test_server().server; }

class PostgresServerEnvironment : public ::testing::Environment {
 public:
  void TearDown() override { postgres_server_slot().reset(); }
};

// A new, empty database on the test server; returns its name.
inline std::string create_test_database() { return postgres_test_server().databases.take(); }

inline core::Logger quiet_logger() {
  static std::ostream discard(nullptr);
  return core::Logger("test", core::LogLevel::error, core::LogFormat::text, discard);
}

// Store settings for tests: a small pool and short retry delays.
inline core::StorageConfig test_storage_config(const std::string& database, bool through_bouncer) {
  core::StorageConfig config;
  config.database.url = postgres_server().conninfo(database, through_bouncer);
  config.pool.min_size = 1;
  config.pool.max_size = 4;
  config.pool.acquisition_timeout = 10;
  config.pool.retry = core::PoolRetryConfig{3, 0.1, 0.5, true};
  return config;
}

inline std::unique_ptr<core::store::postgres::PostgresStore> open_test_store(
    const std::string& database, bool through_bouncer = false,
    models::ServiceName service = models::ServiceName::synchronizer) {
  return std::make_unique<core::store::postgres::PostgresStore>(
      test_storage_config(database, through_bouncer), quiet_logger(), service);
}

}  // namespace bigbrotr::testing
