// Crash safety of the real binary: `bigbrotr synchronizer --once` is killed with SIGKILL
// in the middle of a stream, then run again; the archive ends up exactly the data set
// (no gap, no duplicate), on SQLite and PostgreSQL.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "core/store/open_store.hpp"
#include "support/fixture_relay_process.hpp"
#include "support/run_command.hpp"
#include "sync_test_support.hpp"

namespace bigbrotr::testing {
namespace {

const auto* const kEnvironment = ::testing::AddGlobalTestEnvironment(new PostgresServerEnvironment);

// `bigbrotr synchronizer --once` as a child whose stderr goes to a file.
class SynchronizerProcess {
 public:
  SynchronizerProcess(const std::filesystem::path& config_dir, const std::string& database_url,
                      const std::filesystem::path& log) {
    const std::vector<std::string> argv{BIGBROTR_BINARY, "synchronizer",      "--once", "--allow-local",
                                        "--config",      config_dir.string(), "--db",   database_url};
    std::vector<char*> args;
    for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    const int log_fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(log_fd, STDERR_FILENO);
      ::dup2(log_fd, STDOUT_FILENO);
      ::execv(args[0], args.data());
      ::_exit(127);
    }
    ::close(log_fd);
  }
  ~SynchronizerProcess() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  SynchronizerProcess(const SynchronizerProcess&) = delete;
  SynchronizerProcess& operator=(const SynchronizerProcess&) = delete;

  // Waits up to `limit` for the exit; returns the exit code, or -1 when still running.
  int wait(std::chrono::milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return -1;
  }
  void kill_hard() {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

 private:
  pid_t pid_ = -1;
};

class SynchronizerRestart : public ::testing::TestWithParam<SyncBackend> {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("bigbrotr-sync-restart-" + std::to_string(::getpid()) + "-" + sync_backend_name({GetParam(), 0}));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_ / "services");
    database_url_ = GetParam() == SyncBackend::sqlite ? "sqlite:" + (dir_ / "archive.db").string()
                                                      : postgres_server().conninfo(create_test_database());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  void write_config(std::int64_t until) {
    std::ofstream(dir_ / "services" / "synchronizer.yaml") << "processing:\n"
                                                           << "  until: " << until << "\n"
                                                           << "  end_lag: 0\n"
                                                           << "  limit: 100\n"
                                                           << "  batch_size: 100\n"
                                                           << "timeouts:\n"
                                                           << "  idle: 30\n"
                                                           << "  max_duration: 300\n";
  }
  std::unique_ptr<core::store::Store> open() {
    core::StorageConfig storage;
    storage.database.url = database_url_;
    static std::ostringstream discard;
    static const core::Logger logger("test", core::LogLevel::error, core::LogFormat::text, discard);
    return core::store::open_store(storage, logger, models::ServiceName::synchronizer);
  }

  std::filesystem::path dir_;
  std::string database_url_;
};

TEST_P(SynchronizerRestart, KilledMidStreamThenRerunArchivesEverythingOnce) {
  const DataSet set = make_data_set("restart", 3000, 1'700'000'000, 150, 30);
  // 2 ms before every message: the 3,000 events take several seconds to stream.
  FixtureRelayProcess relay({"--data", set.path.string(), "--cap", "100", "--slow-ms", "2"});
  write_config(set.last_second());
  {
    auto store = open();
    store->init(core::DatabaseFlavour::bigbrotr);
    const std::vector<models::Relay> relays{relay_of(relay.url())};
    store->insert_relays(relays);
  }
  const auto log = dir_ / "synchronizer.log";
  {
    SynchronizerProcess first(dir_, database_url_, log);
    auto store = open();
    // Kill it once a few batches are committed (bounded: 60 s).
    std::size_t stored = 0;
    for (int i = 0; i < 3000 && stored < 300; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      stored = store->event_ids_of_relay(relay.url()).size();
    }
    ASSERT_GE(stored, 300U) << read_file(log);
    first.kill_hard();
    const auto cursor = sync_cursor(*store, relay.url());
    ASSERT_TRUE(cursor);
    const auto archived = store->event_ids_of_relay(relay.url());
    EXPECT_LT(archived.size(), set.events.size()) << "killed before the end";
    EXPECT_EQ(archived, ids_up_to(set, cursor->first, cursor->second)) << "no gap before the cursor";
  }
  SynchronizerProcess second(dir_, database_url_, log);
  ASSERT_EQ(second.wait(std::chrono::seconds(120)), 0) << read_file(log);
  auto store = open();
  EXPECT_EQ(store->event_ids_of_relay(relay.url()), set.sorted_ids()) << read_file(log);
  EXPECT_EQ(store->counts().events, static_cast<std::int64_t>(set.events.size()));
}

INSTANTIATE_TEST_SUITE_P(Backends, SynchronizerRestart,
                         ::testing::Values(SyncBackend::sqlite, SyncBackend::postgresql), sync_backend_name);

}  // namespace
}  // namespace bigbrotr::testing
