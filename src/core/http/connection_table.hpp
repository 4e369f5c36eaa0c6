#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>

// The HTTP server's admission policy: which connections it holds, from which client
// address, and which one to close when a new connection would exceed a cap. Slow clients
// (slowloris) are the connections still waiting for a request header, so those are the
// ones a newcomer replaces, oldest first, and an honest request arriving from the same
// address as an attacker is still served. Pure bookkeeping: no sockets, no clock, not
// thread-safe (the server calls it from its one I/O thread).
namespace bigbrotr::core {

class ConnectionTable {
 public:
  using Id = std::uint64_t;

  struct Admission {
    // Set when the newcomer is admitted (it is then registered, waiting for a header).
    std::optional<Id> admitted;
    // A connection the caller must close: already removed from the table.
    std::optional<Id> evicted;
  };

  // Both caps at least 1.
  ConnectionTable(std::size_t max_total, std::size_t max_per_client);

  // Decides on a new connection from `client` (an address). Under both caps it is
  // admitted. Over the client's cap the victim is one of that client's connections, over
  // the total cap any connection: among those waiting for a request header, the oldest
  // that never completed a request, else the oldest kept-alive one between requests.
  // Without a victim the newcomer is refused (neither field set).
  Admission admit(const std::string& client);

  // `id` finished reading a request header: it is busy and cannot be evicted.
  void request_started(Id id);
  // `id` sent its response and waits for the next request: evictable again.
  void response_sent(Id id);
  // Forgets `id`; harmless when it is unknown or already evicted.
  void remove(Id id);

  bool contains(Id id) const { return connections_.contains(id); }
  std::size_t size() const noexcept { return connections_.size(); }
  std::size_t count(const std::string& client) const;

 private:
  struct Connection {
    std::string client;
    bool waiting_for_header = true;
    bool served_before = false;
  };

  std::optional<Id> pick_victim(const std::string* client) const;

  std::size_t max_total_;
  std::size_t max_per_client_;
  Id next_id_ = 1;
  // Ordered by id, which is the order of acceptance: the oldest first.
  std::map<Id, Connection> connections_;
  std::unordered_map<std::string, std::size_t> per_client_;
};

}  // namespace bigbrotr::core
