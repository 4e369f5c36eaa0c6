#include "utils/keys.hpp"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <cstdlib>
#include <stdexcept>
#include <vector>

#include "models/hex.hpp"
#include "utils/bech32.hpp"

namespace bigbrotr::utils {
namespace {

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

template <std::size_t N>
models::Result<std::array<std::uint8_t, N>> decode_bech32_key(std::string_view text, std::string_view hrp) {
  auto decoded = bech32_decode(text);
  if (!decoded) return decoded.failure();
  if (decoded->hrp != hrp) return models::fail("expected a " + std::string(hrp) + " string");
  if (decoded->bytes.size() != N) return models::fail(std::string(hrp) + " payload is not 32 bytes");
  std::array<std::uint8_t, N> out{};
  std::vector<std::uint8_t>& bytes = decoded.value().bytes;
  std::copy(bytes.begin(), bytes.end(), out.begin());
  OPENSSL_cleanse(bytes.data(), bytes.size());
  return out;
}

}  // namespace

std::optional<std::string> process_environment(std::string_view name) {
  // NOLINTNEXTLINE(concurrency-mt-unsafe): unsafe only beside a setenv, and src/ calls none
  const char* value = std::getenv(std::string(name).c_str());
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

std::string encode_npub(const models::XOnlyPublicKey& public_key) {
  return bech32_encode("npub", std::vector<std::uint8_t>(public_key.begin(), public_key.end()));
}

std::string encode_nsec(const models::SecretKey& secret_key) {
  std::vector<std::uint8_t> bytes(secret_key.begin(), secret_key.end());
  std::string out = bech32_encode("nsec", bytes);
  OPENSSL_cleanse(bytes.data(), bytes.size());
  return out;
}

models::Result<models::XOnlyPublicKey> decode_npub(std::string_view text) {
  return decode_bech32_key<32>(text, "npub");
}

models::Result<models::SecretKey> decode_nsec(std::string_view text) { return decode_bech32_key<32>(text, "nsec"); }

models::Result<Keys> Keys::parse(std::string_view text) {
  text = trim(text);
  models::SecretKey secret{};
  if (text.starts_with("nsec1")) {
    auto decoded = decode_nsec(text);
    if (!decoded) return models::fail("invalid nsec: " + decoded.reason());
    secret = *decoded;
  } else if (!models::decode_hex_any_case(text, secret)) {
    return models::fail("secret key must be 64 hex characters or an nsec1 string");
  }
  const auto public_key = models::derive_public_key(secret);
  if (!public_key) {
    OPENSSL_cleanse(secret.data(), secret.size());
    return models::fail("secret key is not a valid secp256k1 key");
  }
  Keys keys(secret, *public_key);
  OPENSSL_cleanse(secret.data(), secret.size());
  return keys;
}

models::Result<Keys> Keys::from_environment(std::string_view variable, const EnvironmentLookup& lookup) {
  const std::optional<std::string> value = lookup(variable);
  if (!value || trim(*value).empty()) return models::fail(std::string(variable) + " environment variable not set");
  auto keys = parse(*value);
  if (!keys) return models::fail(std::string(variable) + ": " + keys.reason());
  return keys;
}

Keys Keys::generate() {
  for (int attempt = 0; attempt < 16; ++attempt) {
    models::SecretKey secret{};
    if (RAND_bytes(secret.data(), static_cast<int>(secret.size())) != 1) {
      throw std::runtime_error("the system has no randomness for key generation");
    }
    if (const auto public_key = models::derive_public_key(secret)) {
      Keys keys(secret, *public_key);
      OPENSSL_cleanse(secret.data(), secret.size());
      return keys;
    }
  }
  throw std::runtime_error("could not generate a valid secp256k1 key");
}

Keys::Keys(const models::SecretKey& secret_key, const models::XOnlyPublicKey& public_key)
    : secret_key_(secret_key), public_key_(public_key) {}

Keys::~Keys() { OPENSSL_cleanse(secret_key_.data(), secret_key_.size()); }

std::string Keys::public_key_hex() const { return models::to_hex(public_key_); }
std::string Keys::npub() const { return encode_npub(public_key_); }
std::string Keys::reveal_secret_hex() const { return models::to_hex(secret_key_); }
std::string Keys::reveal_nsec() const { return encode_nsec(secret_key_); }

}  // namespace bigbrotr::utils
