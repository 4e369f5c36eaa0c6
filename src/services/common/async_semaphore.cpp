#include "services/common/async_semaphore.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace bigbrotr::services {

AsyncSemaphore::AsyncSemaphore(const boost::asio::any_io_executor& executor, std::size_t permits)
    : available_(permits), wake_(executor) {
  wake_.expires_at(boost::asio::steady_timer::time_point::max());
}

boost::asio::awaitable<void> AsyncSemaphore::acquire() {
  while (available_ == 0) {
    co_await wake_.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
  }
  --available_;
}

// bugprone-exception-escape: cancel_one() throws only when the timer service reports an
// error, and Asio's never does.
// NOLINTNEXTLINE(bugprone-exception-escape)
void AsyncSemaphore::release() noexcept {
  ++available_;
  wake_.cancel_one();
}

boost::asio::awaitable<AsyncSemaphore::Permit> AsyncSemaphore::hold() {
  co_await acquire();
  co_return Permit(*this);
}

}  // namespace bigbrotr::services
