#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "core/config/storage_config.hpp"
#include "core/logging/logger.hpp"
#include "core/store/postgres/pg_connection.hpp"
#include "core/store/store.hpp"
#include "models/enums.hpp"

namespace bigbrotr::core::store::postgres {

// Sizing, recycling and retry of a ConnectionPool (from StorageConfig's `pool:`).
struct PoolOptions {
  ConnectionSettings connection;
  int min_size = 1;
  int max_size = 5;
  std::int64_t max_queries = 50000;            // a connection is closed after this many
  double max_inactive_lifetime_seconds = 300;  // idle connections above min_size close after this; 0 = never
  double acquisition_timeout_seconds = 10;
  PoolRetryConfig retry;
};

// The pool of `config` for `service`: connections named after it (application_name), with
// its login from database.roles when one is listed, else the URL's.
PoolOptions pool_options(const StorageConfig& config, models::ServiceName service);

// The wait before retry number `attempt` (0-based): initial·2^attempt with exponential
// backoff, else initial·(attempt+1); never more than max_delay.
std::chrono::duration<double> retry_delay(const PoolRetryConfig& retry, int attempt) noexcept;

// A bounded pool of PgConnections shared by threads. Connections are opened on demand up
// to max_size (min_size at construction), checked for health when handed out, and
// closed after max_queries or after a transient failure. Thread-safe.
class ConnectionPool {
 public:
  // A connection borrowed from the pool; returned on destruction (or closed when
  // discarded, broken, inside a transaction or worn out). Move-only.
  class Lease {
   public:
    Lease(ConnectionPool* pool, std::unique_ptr<PgConnection> connection) noexcept;
    Lease(Lease&& other) noexcept
        : pool_(std::exchange(other.pool_, nullptr)), connection_(std::move(other.connection_)) {}
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    PgConnection& operator*() const noexcept { return *connection_; }
    PgConnection* operator->() const noexcept { return connection_.get(); }
    // Closes the connection instead of returning it.
    void discard() noexcept { connection_.reset(); }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<PgConnection> connection_;
  };

  struct Stats {
    int open = 0;               // connections open now (idle or leased)
    int idle = 0;               // of which idle
    std::int64_t connects = 0;  // connections ever opened
    std::int64_t retries = 0;   // transactions retried after a transient error
    std::int64_t acquire_timeouts = 0;
  };

  // Opens min_size connections, retrying per options.retry; throws StoreError when the
  // server stays unreachable.
  ConnectionPool(PoolOptions options, Logger logger);
  ~ConnectionPool();
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // A healthy connection, waiting up to the acquisition timeout for one to be returned
  // when max_size are leased. Throws StoreError (transient) on timeout.
  Lease acquire();

  // Runs `work(connection)` in one transaction opened with `begin_sql` (BEGIN plus SET
  // LOCAL settings) and commits it. On a transient failure the transaction is rolled
  // back, the connection closed, and the whole transaction retried on a fresh one after
  // the backoff delay, up to retry.max_attempts; other failures are rethrown at once.
  // `work` must therefore be safe to run again (every write of the store is idempotent).
  template <class Work>
  std::invoke_result_t<Work&, PgConnection&> transact(std::string_view begin_sql, Work&& work);

  Stats stats() const;
  const PoolOptions& options() const noexcept { return options_; }

 private:
  std::unique_ptr<PgConnection> connect_with_retry();
  void release(std::unique_ptr<PgConnection> connection) noexcept;
  // Leaves the failed transaction: rollback when the error was not transient (and the
  // connection still answers), otherwise close the connection.
  void abandon(Lease& lease, bool transient) noexcept;
  void before_retry(const StoreError& error, int attempt);
  bool reusable(PgConnection& connection, bool on_release) const noexcept;

  PoolOptions options_;
  Logger logger_;
  mutable std::mutex mutex_;
  std::condition_variable returned_;
  std::deque<std::unique_ptr<PgConnection>> idle_;
  int open_ = 0;
  Stats counters_;
};

template <class Work>
std::invoke_result_t<Work&, PgConnection&> ConnectionPool::transact(std::string_view begin_sql, Work&& work) {
  for (int attempt = 0;; ++attempt) {
    Lease lease = acquire();
    try {
      lease->exec(begin_sql);
      auto result = work(*lease);
      lease->exec("COMMIT");
      return result;
    } catch (const StoreError& error) {
      abandon(lease, error.transient());
      if (!error.transient() || attempt + 1 >= options_.retry.max_attempts) throw;
      before_retry(error, attempt);
    } catch (...) {
      abandon(lease, false);
      throw;
    }
  }
}

}  // namespace bigbrotr::core::store::postgres
