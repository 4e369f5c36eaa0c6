// A relay's NIP-11 document, as the monitor takes it from an HTTP 200 answer: the
// acceptance rules and lenient parse, then the check result stored as content-addressed
// metadata (which rejects nothing the parser kept but strings with NUL).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "models/enums.hpp"
#include "nips/nip11/nip11_response.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace nips = bigbrotr::nips;
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  const auto outcome =
      nips::accept_nip11_response(200, "application/nostr+json", body, nips::kNip11MonitorMaxSize);
  const auto result = nips::nip11_check_result(outcome);
  (void)result.to_metadata(bigbrotr::models::MetadataType::nip11_info);
  return 0;
}
