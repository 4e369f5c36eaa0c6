#pragma once

#include <boost/asio/thread_pool.hpp>

#include <cstddef>

// Lowers the scheduling priority of a thread pool's threads (Linux: each thread has its
// own nice value). For pools doing bulk CPU work beside threads that must keep up — the
// synchronizer's signature checks beside its database writer: when the cores are all
// busy the writer gets them first, and back-pressure holds the checks to its pace instead
// of letting them run ahead while the writer falls behind and finishes alone.
namespace bigbrotr::services {

// Adds `increment` to the nice value of each of the pool's `threads` threads, blocking
// until all have done it (each runs one task, so the pool must be idle and have exactly
// `threads` threads). A failure leaves that thread as it was: priority is an optimisation.
void lower_pool_priority(boost::asio::thread_pool& pool, std::size_t threads, int increment);

}  // namespace bigbrotr::services
