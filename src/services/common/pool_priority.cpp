#include "services/common/pool_priority.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <boost/asio/post.hpp>

#include <cerrno>
#include <latch>

namespace bigbrotr::services {

void run_on_every_thread(boost::asio::thread_pool& pool, std::size_t threads,
                         const std::function<void()>& task) {
  std::latch started(static_cast<std::ptrdiff_t>(threads));
  std::latch finished(static_cast<std::ptrdiff_t>(threads));
  for (std::size_t thread = 0; thread < threads; ++thread) {
    boost::asio::post(pool, [&started, &finished, &task] {
      started.arrive_and_wait();
      task();
      finished.count_down();
    });
  }
  finished.wait();
}

void lower_pool_priority(boost::asio::thread_pool& pool, std::size_t threads, int increment) {
  run_on_every_thread(pool, threads, [increment] {
    const auto self = static_cast<id_t>(::gettid());
    errno = 0;
    const int current = ::getpriority(PRIO_PROCESS, self);
    if (errno == 0) ::setpriority(PRIO_PROCESS, self, current + increment);
  });
}

}  // namespace bigbrotr::services
