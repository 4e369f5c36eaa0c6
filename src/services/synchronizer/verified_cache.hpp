#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <utility>

#include "models/event.hpp"

// The events of one relay stream whose signature was already checked. The windowed
// download (window_stream.hpp) reads many events more than once — the oldest second of a
// window again, and the newest events of a window that gets split — so remembering
// them spares the expensive part (a Schnorr verification, ~27 µs) of every re-read.
namespace bigbrotr::services::synchronizer {

// Not thread-safe: owned by one stream.
class VerifiedCache {
 public:
  // True when an event with the same created_at, id, pubkey and signature was verified
  // before and `event` hashes to its id: then `event` is authentic too (same id means
  // same content, and the signature was already proved for that id and pubkey).
  bool vouches_for(const models::Event& event) const;

  // Remembers an event that passed Event::check().
  void remember(const models::Event& event);

  // Forgets events older than `since`: a stream never reads behind its lower bound again.
  void forget_before(std::int64_t since);

  std::size_t size() const noexcept { return entries_.size(); }

 private:
  using Key = std::pair<std::int64_t, models::Sha256Digest>;  // (created_at, id)
  struct Proof {
    models::XOnlyPublicKey pubkey;
    models::SchnorrSignature sig;
  };
  std::map<Key, Proof> entries_;
};

}  // namespace bigbrotr::services::synchronizer
