#include "services/synchronizer/verified_cache.hpp"

namespace bigbrotr::services::synchronizer {

bool VerifiedCache::vouches_for(const models::Event& event) const {
  const auto found = entries_.find(Key{event.created_at(), event.id()});
  if (found == entries_.end()) return false;
  const Proof& proof = found->second;
  return proof.pubkey == event.pubkey() && proof.sig == event.sig() && event.compute_id() == event.id();
}

void VerifiedCache::remember(const models::Event& event) {
  entries_.insert_or_assign(Key{event.created_at(), event.id()}, Proof{event.pubkey(), event.sig()});
}

void VerifiedCache::forget_before(std::int64_t since) {
  entries_.erase(entries_.begin(), entries_.lower_bound(Key{since, models::Sha256Digest{}}));
}

}  // namespace bigbrotr::services::synchronizer
