#include "services/synchronizer/event_verifier.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <cstdint>
#include <utility>

namespace bigbrotr::services::synchronizer {

namespace asio = boost::asio;

namespace {

enum class Verdict : std::uint8_t { unchecked, authentic, bad_id, bad_signature };

}  // namespace

// Shared with the pool tasks. `events` is never resized while checks run; each task writes
// only the verdicts of its own index range, and hands completion to the executor's thread,
// which alone touches `chunks_left` and `wake`.
struct VerificationJob::State {
  explicit State(asio::any_io_executor io, std::vector<models::Event> batch)
      : executor(std::move(io)), wake(executor), events(std::move(batch)), verdicts(events.size()) {
    wake.expires_at(asio::steady_timer::time_point::max());
  }
  asio::any_io_executor executor;
  asio::steady_timer wake;  // never expires: the last chunk cancels the wait
  std::vector<models::Event> events;
  std::vector<Verdict> verdicts;
  std::size_t chunks_left = 0;
};

VerificationJob::VerificationJob(asio::thread_pool& pool, asio::any_io_executor executor,
                                 std::vector<models::Event> events)
    : state_(std::make_shared<State>(std::move(executor), std::move(events))) {
  const std::size_t count = state_->events.size();
  for (std::size_t begin = 0; begin < count; begin += kChunkSize) {
    const std::size_t end = std::min(count, begin + kChunkSize);
    ++state_->chunks_left;
    asio::post(pool, [state = state_, begin, end]() mutable {
      for (std::size_t index = begin; index < end; ++index) {
        const auto problem = state->events[index].check();
        if (!problem) {
          state->verdicts[index] = Verdict::authentic;
        } else {
          state->verdicts[index] = *problem == "id mismatch" ? Verdict::bad_id : Verdict::bad_signature;
        }
      }
      // The state moves on with the completion, so its last owner is always on the
      // executor's thread, where the timer must be destroyed.
      const asio::any_io_executor executor = state->executor;
      asio::post(executor, [state = std::move(state)] {
        if (--state->chunks_left == 0) state->wake.cancel();
      });
    });
  }
}

std::size_t VerificationJob::size() const noexcept { return state_->events.size(); }

bool VerificationJob::done() const noexcept { return state_->chunks_left == 0; }

asio::awaitable<VerifiedEvents> VerificationJob::result() {
  while (state_->chunks_left > 0) {
    co_await state_->wake.async_wait(asio::as_tuple(asio::use_awaitable));
  }
  VerifiedEvents verified;
  verified.valid.reserve(state_->events.size());
  for (std::size_t index = 0; index < state_->events.size(); ++index) {
    switch (state_->verdicts[index]) {
      case Verdict::authentic:
        verified.valid.push_back(std::move(state_->events[index]));
        break;
      case Verdict::bad_id:
        ++verified.bad_id;
        break;
      default:
        ++verified.bad_signature;
        break;
    }
  }
  state_->events.clear();
  co_return verified;
}

}  // namespace bigbrotr::services::synchronizer
