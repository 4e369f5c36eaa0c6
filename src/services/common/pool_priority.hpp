#pragma once

#include <boost/asio/thread_pool.hpp>

#include <cstddef>
#include <functional>

// Lowers the scheduling priority of a thread pool's threads (Linux: each thread has its
// own nice value). For pools doing bulk CPU work beside threads that must keep up — the
// synchronizer's signature checks beside its database writer: when the cores are all
// busy the writer gets them first, and back-pressure holds the checks to its pace instead
// of letting them run ahead while the writer falls behind and finishes alone.
namespace bigbrotr::services {

// Runs `task` once on each of the pool's `threads` threads and returns when all have run
// (every call waits until all have started, so no thread can take two). The pool must be
// idle and have exactly `threads` threads. `task` runs concurrently with itself.
void run_on_every_thread(boost::asio::thread_pool& pool, std::size_t threads,
                         const std::function<void()>& task);

// Adds `increment` to the nice value of each of the pool's `threads` threads (see
// run_on_every_thread). A failure leaves that thread as it was: priority is an
// optimisation.
void lower_pool_priority(boost::asio::thread_pool& pool, std::size_t threads, int increment);

}  // namespace bigbrotr::services
