#include "core/store/postgres/connection_pool.hpp"

#include <algorithm>
#include <cmath>
#include <thread>
#include <vector>

namespace bigbrotr::core::store::postgres {
namespace {

using Clock = std::chrono::steady_clock;

Clock::duration seconds(double value) {
  return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(value));
}

}  // namespace

std::chrono::duration<double> retry_delay(const PoolRetryConfig& retry, int attempt) noexcept {
  const double factor = retry.exponential_backoff ? std::pow(2.0, attempt) : attempt + 1.0;
  return std::chrono::duration<double>(std::min(retry.initial_delay * factor, retry.max_delay));
}

ConnectionPool::Lease::Lease(ConnectionPool* pool, std::unique_ptr<PgConnection> connection) noexcept
    : pool_(pool), connection_(std::move(connection)) {}

ConnectionPool::Lease::~Lease() {
  if (pool_ != nullptr) pool_->release(std::move(connection_));
}

ConnectionPool::ConnectionPool(PoolOptions options, Logger logger)
    : options_(std::move(options)), logger_(std::move(logger)) {
  options_.min_size = std::max(options_.min_size, 0);
  options_.max_size = std::max({options_.max_size, options_.min_size, 1});
  for (int i = 0; i < options_.min_size; ++i) {
    auto connection = connect_with_retry();
    const std::lock_guard lock(mutex_);
    ++open_;
    idle_.push_back(std::move(connection));
  }
}

ConnectionPool::~ConnectionPool() {
  const std::lock_guard lock(mutex_);
  idle_.clear();
}

std::unique_ptr<PgConnection> ConnectionPool::connect_with_retry() {
  for (int attempt = 0;; ++attempt) {
    try {
      auto connection = PgConnection::open(options_.connection);
      const std::lock_guard lock(mutex_);
      ++counters_.connects;
      return connection;
    } catch (const StoreError& error) {
      if (!error.transient() || attempt + 1 >= options_.retry.max_attempts) throw;
      const auto delay = retry_delay(options_.retry, attempt);
      logger_.warning(
          "database connection failed, retrying",
          {{"attempt", attempt + 1}, {"delay_s", delay.count()}, {"error", std::string(error.what())}});
      std::this_thread::sleep_for(delay);
    }
  }
}

bool ConnectionPool::reusable(PgConnection& connection, bool on_release) const noexcept {
  if (connection.queries() >= options_.max_queries) return false;
  if (on_release) return connection.idle_outside_transaction();
  const double idle_limit = options_.max_inactive_lifetime_seconds;
  if (idle_limit > 0 && open_ > options_.min_size &&
      Clock::now() - connection.last_used() > seconds(idle_limit)) {
    return false;
  }
  return connection.usable();
}

ConnectionPool::Lease ConnectionPool::acquire() {
  const auto deadline = Clock::now() + seconds(options_.acquisition_timeout_seconds);
  std::vector<std::unique_ptr<PgConnection>> stale;  // closed outside the lock
  std::unique_lock lock(mutex_);
  for (;;) {
    while (!idle_.empty()) {
      auto connection = std::move(idle_.back());  // most recently used first: warm caches
      idle_.pop_back();
      if (reusable(*connection, false)) return Lease(this, std::move(connection));
      --open_;
      stale.push_back(std::move(connection));
    }
    if (open_ < options_.max_size) {
      ++open_;
      lock.unlock();
      stale.clear();
      try {
        return Lease(this, connect_with_retry());
      } catch (...) {
        lock.lock();
        --open_;
        returned_.notify_one();
        throw;
      }
    }
    if (returned_.wait_until(lock, deadline) == std::cv_status::timeout && idle_.empty() &&
        open_ >= options_.max_size) {
      ++counters_.acquire_timeouts;
      throw StoreError("postgresql: no connection available within " +
                           std::to_string(options_.acquisition_timeout_seconds) + " s (all " +
                           std::to_string(options_.max_size) + " in use)",
                       true);
    }
  }
}

void ConnectionPool::release(std::unique_ptr<PgConnection> connection) noexcept {
  const std::lock_guard lock(mutex_);
  if (connection && reusable(*connection, true)) {
    idle_.push_back(std::move(connection));
  } else {
    --open_;
    connection.reset();
  }
  returned_.notify_one();
}

void ConnectionPool::abandon(Lease& lease, bool transient) noexcept {
  if (transient) {
    lease.discard();
    return;
  }
  try {
    lease->exec("ROLLBACK");
  } catch (...) {
    lease.discard();
  }
}

void ConnectionPool::before_retry(const StoreError& error, int attempt) {
  const auto delay = retry_delay(options_.retry, attempt);
  {
    const std::lock_guard lock(mutex_);
    ++counters_.retries;
  }
  logger_.warning(
      "database transaction failed, retrying",
      {{"attempt", attempt + 1}, {"delay_s", delay.count()}, {"error", std::string(error.what())}});
  std::this_thread::sleep_for(delay);
}

ConnectionPool::Stats ConnectionPool::stats() const {
  const std::lock_guard lock(mutex_);
  Stats stats = counters_;
  stats.open = open_;
  stats.idle = static_cast<int>(idle_.size());
  return stats;
}

PoolOptions pool_options(const StorageConfig& config, models::ServiceName service) {
  PoolOptions options;
  options.connection.target = config.database.url;
  options.connection.display = config.redacted_url();
  DatabaseLogin login = database_login(config, service);
  if (login.user) options.connection.display += " as " + *login.user;
  options.connection.user = std::move(login.user);
  options.connection.password = std::move(login.password);
  options.connection.application_name = config.application_name(service);
  options.connection.connect_timeout_seconds =
      static_cast<int>(std::ceil(std::max(config.pool.acquisition_timeout, 2.0)));
  options.min_size = config.pool.min_size;
  options.max_size = config.pool.max_size;
  options.max_queries = config.pool.max_queries;
  options.max_inactive_lifetime_seconds = config.pool.max_inactive_connection_lifetime;
  options.acquisition_timeout_seconds = config.pool.acquisition_timeout;
  options.retry = config.pool.retry;
  return options;
}

}  // namespace bigbrotr::core::store::postgres
