#include "services/monitor/publish_tally.hpp"

namespace bigbrotr::services::monitor {

void PublishTally::record(const models::Relay& target, const models::Event& event,
                          const PublishAttempt& attempt) {
  using Outcome = PublishAttempt::Outcome;
  if (attempt.answered()) {
    ++published_;
    metrics_.increment_counter("published");
  }
  switch (attempt.outcome) {
    case Outcome::accepted:
      ++accepted_;
      metrics_.increment_counter("accepted");
      // By kind too: 30166 (one per checked relay) apart from the monitor's own 10166 and 0.
      metrics_.increment_counter("accepted_kind_" + std::to_string(event.kind()));
      logger_.debug("event accepted", {{"relay", target.url()}, {"kind", event.kind()}});
      return;
    case Outcome::rejected:
      logger_.warning("event rejected",
                      {{"relay", target.url()}, {"kind", event.kind()}, {"message", attempt.reason}});
      return;
    case Outcome::send_failed:
      ++failed_;
      metrics_.increment_counter("publish_failed");
      logger_.warning("event not sent",
                      {{"relay", target.url()}, {"kind", event.kind()}, {"reason", attempt.reason}});
      return;
    case Outcome::unreachable:
      ++failed_;
      metrics_.increment_counter("publish_failed");
      if (reported_unreachable_.insert(target.url()).second) {
        logger_.warning("publishing relay unreachable this cycle",
                        {{"relay", target.url()}, {"reason", attempt.reason}});
      }
      return;
    case Outcome::stopped:
      metrics_.increment_counter("publish_stopped");
      if (stopped_++ == 0) {
        logger_.info("publishing cut short by the stop request",
                     {{"relay", target.url()}, {"kind", event.kind()}, {"reason", attempt.reason}});
      }
      return;
  }
}

}  // namespace bigbrotr::services::monitor
