#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include "models/sha256.hpp"

// BIP-340 Schnorr signatures over secp256k1, as Nostr uses them (NIP-01), on top of
// libsecp256k1. Keys and signatures are plain byte arrays; nothing here allocates.
namespace bigbrotr::models {

// A 32-byte x-only public key (BIP-340), the `pubkey` of a Nostr event.
using XOnlyPublicKey = std::array<std::uint8_t, 32>;

// A 64-byte BIP-340 signature, the `sig` of a Nostr event.
using SchnorrSignature = std::array<std::uint8_t, 64>;

// A 32-byte secp256k1 secret key. Valid when non-zero and below the curve order.
using SecretKey = std::array<std::uint8_t, 32>;

// True when sig is a valid BIP-340 signature of the 32-byte message by pubkey. False
// for a bad signature and for a pubkey that is not the x coordinate of a curve point.
// Thread-safe: all threads share one read-only context, created on first use; each
// thread keeps its last 256 decompressed keys, since authors repeat.
bool schnorr_verify(const SchnorrSignature& sig, const Sha256Digest& message,
                    const XOnlyPublicKey& pubkey) noexcept;

// The x-only public key of secret, or nullopt when secret is not a valid key (zero or
// not below the curve order). Thread-safe.
std::optional<XOnlyPublicKey> derive_public_key(const SecretKey& secret) noexcept;

// Signs the 32-byte message with secret (BIP-340), with 32 bytes of fresh auxiliary
// randomness from OpenSSL's RAND_bytes, on a context randomised for this call (side
// channel blinding). The signature is verified before it is returned. Returns nullopt
// when secret is not a valid key; throws std::runtime_error when the system has no
// randomness or the self-check fails (neither happens on a working machine).
// Thread-safe. Intermediate copies of the key are wiped.
std::optional<SchnorrSignature> schnorr_sign(const Sha256Digest& message, const SecretKey& secret);

}  // namespace bigbrotr::models
