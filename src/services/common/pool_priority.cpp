#include "services/common/pool_priority.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <boost/asio/post.hpp>

#include <cerrno>
#include <latch>

namespace bigbrotr::services {

void lower_pool_priority(boost::asio::thread_pool& pool, std::size_t threads, int increment) {
  // Every task waits until all have started, so no thread can take two of them.
  std::latch started(static_cast<std::ptrdiff_t>(threads));
  std::latch finished(static_cast<std::ptrdiff_t>(threads));
  for (std::size_t thread = 0; thread < threads; ++thread) {
    boost::asio::post(pool, [&started, &finished, increment] {
      started.arrive_and_wait();
      const auto self = static_cast<id_t>(::gettid());
      errno = 0;
      const int current = ::getpriority(PRIO_PROCESS, self);
      if (errno == 0) ::setpriority(PRIO_PROCESS, self, current + increment);
      finished.count_down();
    });
  }
  finished.wait();
}

}  // namespace bigbrotr::services
