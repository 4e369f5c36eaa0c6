#include "nips/nip13/nip13_pow.hpp"

#include <bit>
#include <utility>

namespace bigbrotr::nips {
namespace {

// Hashes between two looks at the clock: cheap enough to stay within a few ms of the
// deadline, rare enough that the clock costs nothing.
constexpr std::uint64_t kHashesPerClockCheck = 4096;

}  // namespace

int leading_zero_bits(const models::Sha256Digest& id) noexcept {
  int bits = 0;
  for (const std::uint8_t byte : id) {
    if (byte != 0) return bits + std::countl_zero(byte);
    bits += 8;
  }
  return bits;
}

std::optional<models::Event> mine_event(UnsignedEvent draft, int difficulty,
                                        const models::SecretKey& secret_key,
                                        std::chrono::steady_clock::time_point deadline) {
  if (difficulty > kMaxPowDifficulty) return std::nullopt;
  if (difficulty <= 0)
    return models::Event::sign(draft.created_at, draft.kind, std::move(draft.tags), std::move(draft.content),
                               secret_key);
  const auto public_key = models::derive_public_key(secret_key);
  if (!public_key) return std::nullopt;
  draft.tags.push_back({"nonce", "0", std::to_string(difficulty)});
  for (std::uint64_t nonce = 0;; ++nonce) {
    if (nonce % kHashesPerClockCheck == 0 && std::chrono::steady_clock::now() >= deadline)
      return std::nullopt;
    draft.tags.back()[1] = std::to_string(nonce);
    // The id covers pubkey, created_at, kind, tags and content only: a zero id and sig
    // are placeholders until the winning nonce is signed for real.
    const auto candidate = models::Event::from_fields({}, *public_key, {}, draft.created_at, draft.kind,
                                                      draft.tags, draft.content);
    if (candidate && leading_zero_bits(candidate->compute_id()) >= difficulty) {
      return models::Event::sign(draft.created_at, draft.kind, std::move(draft.tags),
                                 std::move(draft.content), secret_key);
    }
  }
}

}  // namespace bigbrotr::nips
