#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "models/result.hpp"

// Bech32 (BIP-173, not bech32m) as NIP-19 uses it for npub/nsec/note strings. Only the
// plain forms are here: a human-readable prefix and a byte payload.
namespace bigbrotr::utils {

struct Bech32Data {
  std::string hrp;
  std::vector<std::uint8_t> bytes;
};

// Encodes bytes under the lower-case prefix hrp, e.g. ("npub", 32 bytes) -> "npub1...".
std::string bech32_encode(std::string_view hrp, const std::vector<std::uint8_t>& bytes);

// Decodes a bech32 string. Fails on mixed case, bad characters, a wrong checksum,
// non-zero padding bits or a string longer than 5000 characters (NIP-19 allows long
// TLV strings, far beyond BIP-173's 90).
models::Result<Bech32Data> bech32_decode(std::string_view text);

}  // namespace bigbrotr::utils
