// The libpq connection pool on a real server: recovery from terminated backends, retry
// with backoff, acquisition timeouts, recycling, and which errors count as transient.
#include <chrono>
#include <thread>

#include "core/store/postgres/connection_pool.hpp"
#include "core/store/postgres/pg_errors.hpp"
#include "postgres_test_support.hpp"
#include "store_conformance.hpp"

namespace bigbrotr::testing {
namespace {

using core::store::StoreError;
using core::store::postgres::ConnectionPool;
using core::store::postgres::PgConnection;
using core::store::postgres::PoolOptions;

PoolOptions pool_options(const std::string& database, const std::string& application_name, int max_size = 2) {
  PoolOptions options;
  options.connection.target = postgres_server().conninfo(database);
  options.connection.application_name = application_name;
  options.min_size = 1;
  options.max_size = max_size;
  options.acquisition_timeout_seconds = 5;
  options.retry = core::PoolRetryConfig{3, 0.1, 0.4, true};
  return options;
}

std::string terminate_backends(const std::string& application_name) {
  return postgres_server().execute(
      "postgres", "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = '" +
                      application_name + "'");
}

TEST(PostgresPool, ClassifiesTransientSqlStates) {
  using core::store::postgres::is_transient_sqlstate;
  for (const char* state :
       {"08000", "08003", "08006", "53300", "40001", "40P01", "57P01", "57P02", "57P03"}) {
    EXPECT_TRUE(is_transient_sqlstate(state)) << state;
  }
  for (const char* state : {"", "42601", "23505", "22P02", "57014", "42501", "53100", "0800"}) {
    EXPECT_FALSE(is_transient_sqlstate(state)) << state;
  }
}

TEST(PostgresPool, BacksOffExponentiallyUpToTheCap) {
  using core::store::postgres::retry_delay;
  const core::PoolRetryConfig exponential{5, 1.0, 10.0, true};
  EXPECT_DOUBLE_EQ(retry_delay(exponential, 0).count(), 1.0);
  EXPECT_DOUBLE_EQ(retry_delay(exponential, 2).count(), 4.0);
  EXPECT_DOUBLE_EQ(retry_delay(exponential, 5).count(), 10.0);
  const core::PoolRetryConfig linear{5, 1.0, 10.0, false};
  EXPECT_DOUBLE_EQ(retry_delay(linear, 2).count(), 3.0);
}

TEST(PostgresPool, ReplacesAnIdleConnectionWhoseBackendWasTerminated) {
  const std::string database = create_test_database();
  ConnectionPool pool(pool_options(database, "pool-idle-kill"), quiet_logger());
  const auto first_pid = pool.acquire()->backend_pid();
  EXPECT_EQ(terminate_backends("pool-idle-kill"), "1");
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const auto lease = pool.acquire();
  EXPECT_NE(lease->backend_pid(), first_pid);
  EXPECT_EQ(lease->exec("SELECT 1").int64(0, 0), 1);
  EXPECT_EQ(pool.stats().connects, 2);
}

TEST(PostgresPool, RetriesATransactionWhoseBackendDiesMidUse) {
  const std::string database = create_test_database();
  ConnectionPool pool(pool_options(database, "pool-mid-kill"), quiet_logger());
  int attempts = 0;
  const auto started = std::chrono::steady_clock::now();
  const auto value = pool.transact("BEGIN", [&](PgConnection& connection) {
    if (++attempts == 1) connection.exec("SELECT pg_terminate_backend(pg_backend_pid())");
    return connection.exec("SELECT 42").int64(0, 0);
  });
  EXPECT_EQ(value, 42);
  EXPECT_EQ(attempts, 2);
  EXPECT_EQ(pool.stats().retries, 1);
  EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(100));  // backed off
}

TEST(PostgresPool, GivesUpAfterMaxAttemptsWithATransientError) {
  const std::string database = create_test_database();
  ConnectionPool pool(pool_options(database, "pool-always-kill"), quiet_logger());
  int attempts = 0;
  try {
    pool.transact("BEGIN", [&](PgConnection& connection) {
      ++attempts;
      return connection.exec("SELECT pg_terminate_backend(pg_backend_pid())").rows();
    });
    ADD_FAILURE() << "every attempt loses its connection";
  } catch (const StoreError& error) {
    EXPECT_TRUE(error.transient()) << error.what();
  }
  EXPECT_EQ(attempts, 3);
}

TEST(PostgresPool, NeverRetriesSqlErrorsAndKeepsTheConnection) {
  const std::string database = create_test_database();
  ConnectionPool pool(pool_options(database, "pool-sql-error"), quiet_logger());
  int attempts = 0;
  try {
    pool.transact("BEGIN", [&](PgConnection& connection) {
      ++attempts;
      return connection.exec("SELECT no_such_column FROM pg_class").rows();
    });
    ADD_FAILURE() << "bad SQL must fail";
  } catch (const StoreError& error) {
    EXPECT_FALSE(error.transient());
    EXPECT_NE(std::string(error.what()).find("42703"), std::string::npos) << error.what();
  }
  EXPECT_EQ(attempts, 1);
  EXPECT_EQ(pool.stats().connects, 1);
  EXPECT_EQ(pool.acquire()->exec("SELECT 1").int64(0, 0), 1);  // rolled back, reusable
}

TEST(PostgresPool, TimesOutWhenEveryConnectionIsLeased) {
  const std::string database = create_test_database();
  auto options = pool_options(database, "pool-exhausted", 1);
  options.acquisition_timeout_seconds = 0.3;
  ConnectionPool pool(options, quiet_logger());
  auto held = pool.acquire();
  const auto started = std::chrono::steady_clock::now();
  EXPECT_THROW(pool.acquire(), StoreError);
  const auto waited = std::chrono::steady_clock::now() - started;
  EXPECT_GE(waited, std::chrono::milliseconds(290));
  EXPECT_LT(waited, std::chrono::seconds(3));
  EXPECT_EQ(pool.stats().acquire_timeouts, 1);
}

TEST(PostgresPool, HandsAReturnedConnectionToAWaiter) {
  const std::string database = create_test_database();
  auto options = pool_options(database, "pool-waiter", 1);
  ConnectionPool pool(options, quiet_logger());
  auto held = std::make_unique<ConnectionPool::Lease>(pool.acquire());
  std::thread releaser([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    held.reset();
  });
  EXPECT_EQ(pool.acquire()->exec("SELECT 1").int64(0, 0), 1);
  releaser.join();
  EXPECT_EQ(pool.stats().connects, 1);
}

TEST(PostgresPool, RecyclesAConnectionAfterMaxQueries) {
  const std::string database = create_test_database();
  auto options = pool_options(database, "pool-recycle", 1);
  options.max_queries = 3;
  ConnectionPool pool(options, quiet_logger());
  for (int i = 0; i < 4; ++i) pool.acquire()->exec("SELECT 1");
  EXPECT_EQ(pool.stats().connects, 2);
}

TEST(PostgresPool, FailsToStartWhenTheServerIsUnreachable) {
  PoolOptions options;
  options.connection.target = "host=127.0.0.1 port=1 dbname=none user=postgres";
  options.retry = core::PoolRetryConfig{2, 0.1, 0.1, true};
  EXPECT_THROW(ConnectionPool(options, quiet_logger()), StoreError);
}

TEST(PostgresPool, StoreRecoversAfterItsBackendsAreTerminated) {
  const std::string database = create_test_database();
  auto store = open_test_store(database, false, models::ServiceName::finder);
  store->init(core::DatabaseFlavour::bigbrotr);
  store->insert_relays(std::vector{make_relay("wss://before.example")});
  EXPECT_EQ(terminate_backends("finder"), "1");
  store->insert_relays(std::vector{make_relay("wss://after.example")});
  EXPECT_EQ(store->counts().relays, 2);
  EXPECT_TRUE(store->healthy());
}

}  // namespace
}  // namespace bigbrotr::testing
