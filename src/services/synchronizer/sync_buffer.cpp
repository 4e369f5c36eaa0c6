#include "services/synchronizer/sync_buffer.hpp"

#include <boost/json/object.hpp>

#include <stdexcept>
#include <utility>

namespace bigbrotr::services::synchronizer {

std::size_t SyncFlush::write(core::store::Store& store) const {
  if (observations.empty() && cursors.empty()) return 0;
  return store.insert_events_with_state(observations, cursors);
}

void SyncBuffer::add(const std::string& relay_url, std::vector<models::EventRelay> batch) {
  if (batch.empty()) return;
  const models::Event& last = batch.back().event();
  cursors_[relay_url] = Cursor{last.created_at(), last.id_hex()};
  observations_.reserve(observations_.size() + batch.size());
  for (models::EventRelay& observation : batch) observations_.push_back(std::move(observation));
}

SyncFlush SyncBuffer::take() {
  SyncFlush flush;
  flush.observations = std::move(observations_);
  for (const auto& [url, cursor] : cursors_)
    flush.cursors.push_back(cursor_state(url, cursor.timestamp, cursor.id));
  observations_ = {};
  cursors_.clear();
  return flush;
}

models::ServiceState cursor_state(const std::string& relay_url, std::int64_t timestamp,
                                  const std::string& id) {
  const boost::json::object value{{"timestamp", timestamp}, {"id", id}};
  auto state = models::ServiceState::create(models::ServiceName::synchronizer,
                                            models::ServiceStateType::cursor, relay_url, value);
  // A relay URL is never empty and a hex id holds no NUL: a failure is a programming error.
  if (!state) throw std::logic_error("synchronizer cursor for " + relay_url + ": " + state.reason());
  return std::move(state).value();
}

}  // namespace bigbrotr::services::synchronizer
