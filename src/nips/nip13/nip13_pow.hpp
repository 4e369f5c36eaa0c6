#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "models/event.hpp"
#include "models/schnorr.hpp"
#include "models/sha256.hpp"

// NIP-13 proof of work: a ["nonce", <counter>, <target>] tag varied until the event id
// starts with enough zero bits. Pure CPU work, no I/O.
namespace bigbrotr::nips {

// Difficulties above this are refused outright: 2^32 hashes is far beyond any check's
// time budget, and no relay asks for it.
inline constexpr int kMaxPowDifficulty = 32;

// The number of leading zero bits of an event id (0..256).
int leading_zero_bits(const models::Sha256Digest& id) noexcept;

// What to sign: everything but the nonce tag, which mine_event appends.
struct UnsignedEvent {
  std::int64_t created_at = 0;
  std::uint16_t kind = 0;
  models::EventTags tags;
  std::string content;
};

// Signs `draft` with `secret_key` after appending ["nonce", n, "<difficulty>"] with the
// first n >= 0 whose id has at least `difficulty` leading zero bits. Difficulty <= 0
// signs the draft as it is (no nonce tag). Returns nullopt when `difficulty` exceeds
// kMaxPowDifficulty or no nonce is found before `deadline` (checked every few thousand
// hashes). Expected cost: 2^difficulty SHA-256 digests. Thread-safe.
std::optional<models::Event> mine_event(UnsignedEvent draft, int difficulty,
                                        const models::SecretKey& secret_key,
                                        std::chrono::steady_clock::time_point deadline);

}  // namespace bigbrotr::nips
