#include "core/service/service_runner.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "core/store/sqlite/sqlite_store.hpp"
#include "core/store/store.hpp"

namespace bigbrotr::core {
namespace {

using namespace std::chrono_literals;

// A service whose cycles do what the test says; counts its calls.
class ScriptedService final : public Service {
 public:
  explicit ScriptedService(std::function<void(int cycle)> cycle) : cycle_(std::move(cycle)) {}

  models::ServiceName name() const noexcept override { return models::ServiceName::finder; }
  std::size_t cleanup() override {
    ++cleanups;
    return 0;
  }
  void run() override { cycle_(++runs); }

  int cleanups = 0;
  int runs = 0;

 private:
  std::function<void(int)> cycle_;
};

class ServiceRunnerTest : public ::testing::Test {
 protected:
  BaseServiceConfig config(double interval, int max_failures) {
    BaseServiceConfig base;
    base.interval = interval;
    base.max_consecutive_failures = max_failures;
    return base;
  }
  // The value of one sample of the exposition, or -1.
  double sample(const std::string& prefix) const {
    std::istringstream text(registry_->text());
    for (std::string line; std::getline(text, line);) {
      if (line.starts_with(prefix)) return std::stod(line.substr(line.rfind(' ') + 1));
    }
    return -1;
  }
  std::string log() const { return log_.str(); }

  std::ostringstream log_;
  store::sqlite::SqliteStore store_{":memory:"};
  Logger logger_{"finder", LogLevel::debug, LogFormat::text, log_};
  std::shared_ptr<MetricsRegistry> registry_ = std::make_shared<MetricsRegistry>();
  ServiceMetrics metrics_{registry_, models::ServiceName::finder};
  StopSignal stop_;
};

TEST_F(ServiceRunnerTest, OnceRunsCleanupAndRunAndSucceeds) {
  ScriptedService service([](int) {});
  EXPECT_EQ(run_once(service, store_, logger_), kExitSuccess);
  EXPECT_EQ(service.cleanups, 1);
  EXPECT_EQ(service.runs, 1);
}

TEST_F(ServiceRunnerTest, OnceReturnsFailureWhenTheCycleThrows) {
  ScriptedService service([](int) { throw std::runtime_error("database gone"); });
  EXPECT_EQ(run_once(service, store_, logger_), kExitFailure);
  EXPECT_NE(log().find("database gone"), std::string::npos);
}

TEST_F(ServiceRunnerTest, StopsWithFailureAfterMaxConsecutiveFailures) {
  ScriptedService service([](int) { throw store::StoreError("boom", false); });
  EXPECT_EQ(run_cycles(service, store_, config(0.001, 3), logger_, metrics_, stop_), kExitFailure);
  EXPECT_EQ(service.runs, 3);
  EXPECT_EQ(sample(R"(service_counter_total{name="cycles_failed",service="finder"})"), 3);
  EXPECT_EQ(sample(R"(service_counter_total{name="errors_StoreError",service="finder"})"), 3);
  EXPECT_EQ(sample(R"(service_gauge{name="consecutive_failures",service="finder"})"), 3);
  EXPECT_NE(log().find("too many consecutive failures"), std::string::npos);
}

TEST_F(ServiceRunnerTest, ASuccessResetsTheFailureCount) {
  // Fails, fails, succeeds, fails, fails: never three in a row, so only the stop ends it.
  ScriptedService service([this](int cycle) {
    if (cycle == 6) stop_.request_stop();
    if (cycle != 3 && cycle != 6) throw std::invalid_argument("bad");
  });
  EXPECT_EQ(run_cycles(service, store_, config(0.001, 3), logger_, metrics_, stop_), kExitSuccess);
  EXPECT_EQ(service.runs, 6);
  EXPECT_EQ(sample(R"(service_counter_total{name="cycles_success",service="finder"})"), 2);
  EXPECT_EQ(sample(R"(service_counter_total{name="errors_invalid_argument",service="finder"})"), 4);
  EXPECT_EQ(sample(R"(service_gauge{name="consecutive_failures",service="finder"})"), 0);
}

TEST_F(ServiceRunnerTest, ZeroMaxFailuresNeverGivesUp) {
  ScriptedService service([this](int cycle) {
    if (cycle == 20) stop_.request_stop();
    throw std::runtime_error("always");
  });
  EXPECT_EQ(run_cycles(service, store_, config(0.001, 0), logger_, metrics_, stop_), kExitSuccess);
  EXPECT_EQ(service.runs, 20);
  EXPECT_EQ(sample(R"(service_counter_total{name="cycles_failed",service="finder"})"), 20);
}

TEST_F(ServiceRunnerTest, SuccessRecordsDurationAndTimestamp) {
  ScriptedService service([this](int) { stop_.request_stop(); });
  const auto before = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  EXPECT_EQ(run_cycles(service, store_, config(60, 5), logger_, metrics_, stop_), kExitSuccess);
  EXPECT_EQ(service.cleanups, 1);
  EXPECT_EQ(sample(R"(service_counter_total{name="cycles_success",service="finder"})"), 1);
  EXPECT_EQ(sample(R"(cycle_duration_seconds_count{service="finder"})"), 1);
  EXPECT_GE(sample(R"(service_gauge{name="last_cycle_timestamp",service="finder"})"), std::floor(before));
  // The interval, so alert rules need not repeat the config.
  EXPECT_EQ(sample(R"(service_gauge{name="interval_seconds",service="finder"})"), 60);
}

TEST_F(ServiceRunnerTest, StopDuringTheWaitReturnsPromptly) {
  ScriptedService service([](int) {});
  const auto started = std::chrono::steady_clock::now();
  std::thread stopper([this] {
    std::this_thread::sleep_for(100ms);
    stop_.request_stop();
  });
  EXPECT_EQ(run_cycles(service, store_, config(3600, 5), logger_, metrics_, stop_), kExitSuccess);
  stopper.join();
  EXPECT_EQ(service.runs, 1);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
}

TEST_F(ServiceRunnerTest, CyclesStartOnAFixedSchedule) {
  // Each cycle takes 30 ms of a 50 ms interval: starts are 50 ms apart, not 80.
  std::vector<std::chrono::steady_clock::time_point> starts;
  ScriptedService service([&](int cycle) {
    starts.push_back(std::chrono::steady_clock::now());
    std::this_thread::sleep_for(30ms);
    if (cycle == 4) stop_.request_stop();
  });
  run_cycles(service, store_, config(0.05, 5), logger_, metrics_, stop_);
  ASSERT_EQ(starts.size(), 4u);
  const auto average = (starts.back() - starts.front()) / 3;
  EXPECT_GE(average, 45ms);
  EXPECT_LT(average, 75ms);
}

TEST_F(ServiceRunnerTest, NoCycleStartsAfterAStopRequestedBeforeTheLoop) {
  ScriptedService service([](int) {});
  stop_.request_stop();
  EXPECT_EQ(run_cycles(service, store_, config(60, 5), logger_, metrics_, stop_), kExitSuccess);
  EXPECT_EQ(service.runs, 0);
}

// A SQLite file deleted or replaced while the service runs: what the cycle wrote went to
// the unlinked file, so the cycle fails naming the path instead of reporting success.
class DeletedDatabaseTest : public ServiceRunnerTest {
 protected:
  DeletedDatabaseTest() {
    char pattern[] = "/tmp/bigbrotr-runner-XXXXXX";
    if (::mkdtemp(pattern) == nullptr) throw std::runtime_error("mkdtemp failed");
    folder_ = pattern;
    path_ = (folder_ / "bigbrotr.db").string();
    file_store_ = std::make_unique<store::sqlite::SqliteStore>(path_);
  }
  ~DeletedDatabaseTest() override {
    file_store_.reset();
    std::filesystem::remove_all(folder_);
  }
  void remove_database() const {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
  }

  std::filesystem::path folder_;
  std::string path_;
  std::unique_ptr<store::sqlite::SqliteStore> file_store_;
};

TEST_F(DeletedDatabaseTest, OnceFailsWhenTheFileIsDeletedDuringTheCycle) {
  ScriptedService service([this](int) { remove_database(); });
  EXPECT_EQ(run_once(service, *file_store_, logger_), kExitFailure);
  EXPECT_NE(log().find(path_), std::string::npos) << log();
  EXPECT_NE(log().find("deleted"), std::string::npos) << log();
  EXPECT_EQ(log().find("cycle done"), std::string::npos) << log();
}

TEST_F(DeletedDatabaseTest, OnceFailsBeforeRunningWhenTheFileIsAlreadyGone) {
  ScriptedService service([](int) {});
  remove_database();
  EXPECT_EQ(run_once(service, *file_store_, logger_), kExitFailure);
  EXPECT_EQ(service.runs, 0);
  EXPECT_NE(log().find(path_), std::string::npos) << log();
}

TEST_F(DeletedDatabaseTest, LoopStopsWithFailureAtOnce) {
  // Retrying cannot bring the file back to this process: no waiting for five failures.
  ScriptedService service([this](int) { remove_database(); });
  EXPECT_EQ(run_cycles(service, *file_store_, config(0.001, 5), logger_, metrics_, stop_), kExitFailure);
  EXPECT_EQ(service.runs, 1);
  EXPECT_LE(sample(R"(service_counter_total{name="cycles_success",service="finder"})"), 0);
  EXPECT_EQ(sample(R"(service_counter_total{name="cycles_failed",service="finder"})"), 1);
  EXPECT_NE(log().find("the database is no longer reachable, stopping"), std::string::npos) << log();
}

TEST_F(DeletedDatabaseTest, AnIntactFileLetsTheCycleSucceed) {
  ScriptedService service([](int) {});
  EXPECT_EQ(run_once(service, *file_store_, logger_), kExitSuccess);
}

TEST(ExceptionKind, IsTheUnqualifiedClassName) {
  EXPECT_EQ(exception_kind(store::StoreError("x", false)), "StoreError");
  EXPECT_EQ(exception_kind(std::out_of_range("x")), "out_of_range");
}

}  // namespace
}  // namespace bigbrotr::core
