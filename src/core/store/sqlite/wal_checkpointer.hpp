#pragma once

#include <sqlite3.h>

#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <thread>

#include "core/store/sqlite/sqlite_connection.hpp"

// Checkpoints a WAL database from a thread of its own, so that the writer never waits
// for them. SQLite's automatic checkpoint runs inside the commit that crossed the WAL
// threshold: it copies the WAL into the database file and waits for two fsyncs, and the
// synchronizer measured ~40 % of its SQLite write time there (bench/run_sync_bench.sh).
// Here the commit only wakes this thread, which runs a PASSIVE checkpoint on its own
// connection while the writer goes on; passive checkpoints never block the writer.
//
// A passive checkpoint may lag behind a writer that never pauses, and a WAL is restarted
// only once it is wholly copied. So when the WAL reaches `inline_pages`, the writer
// checkpoints in its commit as SQLite would: the WAL's size stays bounded either way.
namespace bigbrotr::core::store::sqlite {

class WalCheckpointer {
 public:
  // SQLite's own default threshold (pages of the WAL).
  static constexpr int kPages = 1000;
  static constexpr int kInlinePages = 32 * kPages;

  // Takes over checkpointing of `writer`'s database at `path` (a file, in WAL mode): the
  // automatic checkpoint of `writer` is replaced. Throws StoreError when the second
  // connection cannot be opened. `writer` must outlive this object, and no thread may use
  // it while this object is constructed or destroyed.
  WalCheckpointer(Connection& writer, const std::string& path, int pages = kPages,
                  int inline_pages = kInlinePages);
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;
  // Stops the thread; `writer` gets SQLite's automatic checkpoint back.
  ~WalCheckpointer();

  // Checkpoints run on this thread so far, whole or partial (for tests).
  std::size_t checkpoints() const;

 private:
  static int on_commit(void* self, sqlite3* db, const char* schema, int pages);
  void run();

  Connection& writer_;
  Connection own_;
  int pages_;
  int inline_pages_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool due_ = false;
  bool stopping_ = false;
  std::size_t checkpoints_ = 0;
  std::thread thread_;
};

}  // namespace bigbrotr::core::store::sqlite
