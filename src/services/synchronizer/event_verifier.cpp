#include "services/synchronizer/event_verifier.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <optional>
#include <string>
#include <utility>

namespace bigbrotr::services::synchronizer {

namespace asio = boost::asio;

// Shared with the pool tasks, so a verdict arriving after the verifier is gone (a
// programming error, but one that must not corrupt memory) has somewhere to land. Only
// the executor's thread touches it.
struct EventVerifier::State {
  explicit State(asio::any_io_executor io) : executor(std::move(io)), wake(executor) {
    wake.expires_at(asio::steady_timer::time_point::max());
  }
  asio::any_io_executor executor;
  asio::steady_timer wake;  // never expires: a finished chunk cancels the wait
  std::size_t chunks_in_flight = 0;
  VerifiedEvents verdicts;
};

namespace {

struct CheckedChunk {
  std::vector<models::Event> events;
  std::vector<std::optional<std::string>> problems;  // parallel to events
};

}  // namespace

EventVerifier::EventVerifier(asio::thread_pool& pool, asio::any_io_executor executor)
    : pool_(pool), state_(std::make_shared<State>(std::move(executor))) {
  chunk_.reserve(kChunkSize);
}

void EventVerifier::submit(models::Event event) {
  chunk_.push_back(std::move(event));
  if (chunk_.size() >= kChunkSize) dispatch();
}

void EventVerifier::dispatch() {
  if (chunk_.empty()) return;
  ++state_->chunks_in_flight;
  asio::post(pool_, [state = state_, events = std::move(chunk_)]() mutable {
    auto checked = std::make_shared<CheckedChunk>();
    checked->problems.reserve(events.size());
    for (const models::Event& event : events) checked->problems.push_back(event.check());
    checked->events = std::move(events);
    asio::post(state->executor, [state, checked] {
      for (std::size_t index = 0; index < checked->events.size(); ++index) {
        const auto& problem = checked->problems[index];
        if (!problem) {
          state->verdicts.valid.push_back(std::move(checked->events[index]));
        } else if (*problem == "id mismatch") {
          ++state->verdicts.bad_id;
        } else {
          ++state->verdicts.bad_signature;
        }
      }
      --state->chunks_in_flight;
      state->wake.cancel_one();
    });
  });
  chunk_ = {};
  chunk_.reserve(kChunkSize);
}

asio::awaitable<VerifiedEvents> EventVerifier::drain() {
  dispatch();
  while (state_->chunks_in_flight > 0) {
    co_await state_->wake.async_wait(asio::as_tuple(asio::use_awaitable));
  }
  VerifiedEvents verdicts = std::move(state_->verdicts);
  state_->verdicts = {};
  co_return verdicts;
}

}  // namespace bigbrotr::services::synchronizer
