#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "models/result.hpp"
#include "models/schnorr.hpp"

// Nostr identity keys (BIP-340 secret + x-only public key) and their NIP-19 bech32
// forms. The secret key is never printed by accident: there is no stream operator and
// the only ways to see it are the explicitly named reveal_* functions.
namespace bigbrotr::utils {

// Looks up an environment variable; injectable so tests need not touch the process env.
using EnvironmentLookup = std::function<std::optional<std::string>(std::string_view)>;
// The real process environment.
std::optional<std::string> process_environment(std::string_view name);

std::string encode_npub(const models::XOnlyPublicKey& public_key);
std::string encode_nsec(const models::SecretKey& secret_key);
// Strict NIP-19: the prefix must be npub / nsec and the payload exactly 32 bytes.
models::Result<models::XOnlyPublicKey> decode_npub(std::string_view text);
models::Result<models::SecretKey> decode_nsec(std::string_view text);

class Keys {
 public:
  // Accepts 64 hex characters (either case) or a bech32 `nsec1…` string, with surrounding
  // whitespace ignored. Failure reasons never echo the input.
  static models::Result<Keys> parse(std::string_view text);
  // Reads the secret from the named environment variable. Fails with
  // "<VAR> environment variable not set" when missing or empty.
  static models::Result<Keys> from_environment(std::string_view variable,
                                               const EnvironmentLookup& lookup = process_environment);
  // A fresh random key pair from OpenSSL's RAND_bytes.
  static Keys generate();

  Keys(const Keys&) = default;
  Keys& operator=(const Keys&) = default;
  // A move copies the key bytes (they live inline); each object cleanses its own.
  Keys(Keys&&) = default;
  Keys& operator=(Keys&&) = default;
  ~Keys();

  const models::XOnlyPublicKey& public_key() const noexcept { return public_key_; }
  const models::SecretKey& secret_key() const noexcept { return secret_key_; }
  std::string public_key_hex() const;
  std::string npub() const;
  std::string reveal_secret_hex() const;
  std::string reveal_nsec() const;

 private:
  Keys(const models::SecretKey& secret_key, const models::XOnlyPublicKey& public_key);

  models::SecretKey secret_key_;
  models::XOnlyPublicKey public_key_;
};

}  // namespace bigbrotr::utils
