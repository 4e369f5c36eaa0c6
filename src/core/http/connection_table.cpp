#include "core/http/connection_table.hpp"

#include <algorithm>

namespace bigbrotr::core {

ConnectionTable::ConnectionTable(std::size_t max_total, std::size_t max_per_client)
    : max_total_(std::max<std::size_t>(max_total, 1)),
      max_per_client_(std::max<std::size_t>(max_per_client, 1)) {}

ConnectionTable::Admission ConnectionTable::admit(const std::string& client) {
  Admission admission;
  const bool client_full = count(client) >= max_per_client_;
  if (client_full || connections_.size() >= max_total_) {
    // A victim of the same client frees a place under both caps at once.
    admission.evicted = pick_victim(client_full ? &client : nullptr);
    if (!admission.evicted) return admission;
    remove(*admission.evicted);
  }
  const Id id = next_id_++;
  connections_.emplace(id, Connection{client});
  ++per_client_[client];
  admission.admitted = id;
  return admission;
}

std::optional<ConnectionTable::Id> ConnectionTable::pick_victim(const std::string* client) const {
  std::optional<Id> kept_alive;
  for (const auto& [id, connection] : connections_) {
    if (!connection.waiting_for_header || (client != nullptr && connection.client != *client)) continue;
    if (!connection.served_before) return id;
    if (!kept_alive) kept_alive = id;
  }
  return kept_alive;
}

void ConnectionTable::request_started(Id id) {
  if (const auto found = connections_.find(id); found != connections_.end())
    found->second.waiting_for_header = false;
}

void ConnectionTable::response_sent(Id id) {
  if (const auto found = connections_.find(id); found != connections_.end()) {
    found->second.waiting_for_header = true;
    found->second.served_before = true;
  }
}

void ConnectionTable::remove(Id id) {
  const auto found = connections_.find(id);
  if (found == connections_.end()) return;
  const auto client = per_client_.find(found->second.client);
  if (--client->second == 0) per_client_.erase(client);
  connections_.erase(found);
}

std::size_t ConnectionTable::count(const std::string& client) const {
  const auto found = per_client_.find(client);
  return found == per_client_.end() ? 0 : found->second;
}

}  // namespace bigbrotr::core
