#include "models/schnorr.hpp"

#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <secp256k1.h>
#include <secp256k1_extrakeys.h>
#include <secp256k1_schnorrsig.h>

#include <array>
#include <memory>
#include <stdexcept>

namespace bigbrotr::models {
namespace {

struct ContextDeleter {
  void operator()(secp256k1_context* ctx) const noexcept { secp256k1_context_destroy(ctx); }
};
using ContextPtr = std::unique_ptr<secp256k1_context, ContextDeleter>;

// Since libsecp256k1 0.2.0 every context can do everything and verification never
// writes to it, so one context serves all verifying threads without a lock.
const secp256k1_context* verify_context() noexcept {
  static const ContextPtr ctx(secp256k1_context_create(SECP256K1_CONTEXT_NONE));
  return ctx.get();
}

// Decompressing an x-only key costs a field square root, about a tenth of a whole
// verification. Authors repeat in what relays serve, so each thread remembers the last
// keys it decompressed, one per slot picked by the first key byte (keys are uniformly
// random; colliding keys only cost a miss). 256 slots take ~25 KB per thread.
struct CachedKey {
  XOnlyPublicKey bytes{};
  secp256k1_xonly_pubkey parsed{};
  bool used = false;
};
constexpr std::size_t kKeyCacheSlots = 256;

bool parse_key(const secp256k1_context* ctx, const XOnlyPublicKey& pubkey,
               secp256k1_xonly_pubkey& out) noexcept {
  thread_local std::array<CachedKey, kKeyCacheSlots> cache{};
  CachedKey& slot = cache[pubkey[0] % kKeyCacheSlots];
  if (slot.used && slot.bytes == pubkey) {
    out = slot.parsed;
    return true;
  }
  if (secp256k1_xonly_pubkey_parse(ctx, &out, pubkey.data()) != 1) return false;
  slot.bytes = pubkey;
  slot.parsed = out;
  slot.used = true;
  return true;
}

void random_bytes(unsigned char* out, int size) {
  if (RAND_bytes(out, size) != 1) throw std::runtime_error("RAND_bytes failed: no system randomness");
}

// Signing mutates nothing either, but a context should be randomised (blinding of the
// generator multiplication) and randomising is a write, so each call gets its own.
// Creating one is cheap: the precomputed tables are static since 0.2.0.
ContextPtr signing_context() {
  ContextPtr ctx(secp256k1_context_create(SECP256K1_CONTEXT_NONE));
  if (!ctx) throw std::runtime_error("secp256k1_context_create failed");
  unsigned char seed[32];
  random_bytes(seed, sizeof seed);
  const int randomised = secp256k1_context_randomize(ctx.get(), seed);
  OPENSSL_cleanse(seed, sizeof seed);
  if (randomised != 1) throw std::runtime_error("secp256k1_context_randomize failed");
  return ctx;
}

// A keypair that wipes itself, since it holds the secret key.
struct WipedKeypair {
  secp256k1_keypair value{};
  WipedKeypair() = default;
  WipedKeypair(const WipedKeypair&) = delete;
  WipedKeypair& operator=(const WipedKeypair&) = delete;
  ~WipedKeypair() { OPENSSL_cleanse(&value, sizeof value); }
};

}  // namespace

bool schnorr_verify(const SchnorrSignature& sig, const Sha256Digest& message,
                    const XOnlyPublicKey& pubkey) noexcept {
  const secp256k1_context* ctx = verify_context();
  secp256k1_xonly_pubkey key;
  if (!parse_key(ctx, pubkey, key)) return false;
  return secp256k1_schnorrsig_verify(ctx, sig.data(), message.data(), message.size(), &key) == 1;
}

std::optional<XOnlyPublicKey> derive_public_key(const SecretKey& secret) noexcept {
  // Deriving a public key is a generator multiplication like signing; the shared
  // context is not randomised, which is acceptable for a one-off derivation that the
  // caller then publishes anyway.
  const secp256k1_context* ctx = verify_context();
  WipedKeypair keypair;
  if (secp256k1_keypair_create(ctx, &keypair.value, secret.data()) != 1) return std::nullopt;
  secp256k1_xonly_pubkey key;
  XOnlyPublicKey out{};
  if (secp256k1_keypair_xonly_pub(ctx, &key, nullptr, &keypair.value) != 1 ||
      secp256k1_xonly_pubkey_serialize(ctx, out.data(), &key) != 1) {
    return std::nullopt;
  }
  return out;
}

std::optional<SchnorrSignature> schnorr_sign(const Sha256Digest& message, const SecretKey& secret) {
  const ContextPtr ctx = signing_context();
  WipedKeypair keypair;
  if (secp256k1_keypair_create(ctx.get(), &keypair.value, secret.data()) != 1) return std::nullopt;

  unsigned char aux[32];
  random_bytes(aux, sizeof aux);
  SchnorrSignature sig{};
  const int signed_ok =
      secp256k1_schnorrsig_sign32(ctx.get(), sig.data(), message.data(), &keypair.value, aux);

  secp256k1_xonly_pubkey key;
  if (signed_ok != 1 || secp256k1_keypair_xonly_pub(ctx.get(), &key, nullptr, &keypair.value) != 1 ||
      secp256k1_schnorrsig_verify(ctx.get(), sig.data(), message.data(), message.size(), &key) != 1) {
    throw std::runtime_error("BIP-340 signing failed its own verification");
  }
  return sig;
}

}  // namespace bigbrotr::models
