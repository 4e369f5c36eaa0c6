#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace bigbrotr::models {

using Sha256Digest = std::array<std::uint8_t, 32>;

// SHA-256 of the bytes of data. Thread-safe; reuses one OpenSSL context per thread, since
// the digest runs once per event on the ingest hot path.
Sha256Digest sha256(std::string_view data);

}  // namespace bigbrotr::models
