#pragma once

#include <string>
#include <string_view>

#include "models/enums.hpp"

// Which network a relay host belongs to (nips.md §1 step 4). Pure functions over text;
// no DNS: a hostname that resolves to a private address still counts as clearnet.
namespace bigbrotr::models {

// A host classified, with its canonical spelling: IP literals are re-printed (RFC 5952
// for IPv6, never bracketed); every other host is returned as given (moved through).
struct ClassifiedHost {
  NetworkType network = NetworkType::unknown;
  std::string host;
};

// Classifies a cleaned-up host: lower-case, percent-decoded, no brackets, no trailing
// dot. In order:
//   *.onion -> tor when the label before ".onion" is 56 (v3) or 16 (v2) base32
//              characters [a-z2-7] and any labels to its left are hostname labels;
//   *.i2p   -> i2p for "<52 base32>.b32.i2p" or any valid hostname ending in ".i2p";
//   *.loki  -> loki when the name before ".loki" is exactly 52 base32 characters;
//   localhost, localhost.localdomain -> local;
//   an IP literal -> local inside a reserved range, else clearnet;
//   a valid hostname -> clearnet.
// A host under an overlay suffix that fails its rule, and anything else, is unknown.
ClassifiedHost classify_host(std::string host);

// The clearnet hostname rule: contains a dot, at most 253 characters, labels of 1-63
// characters from [a-z0-9-_] that neither start nor end with '-', and a last label that
// is not purely numeric. Expects lower-case input.
bool is_valid_hostname(std::string_view host) noexcept;

}  // namespace bigbrotr::models
