#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "models/relay.hpp"
#include "models/result.hpp"
#include "nips/check_result.hpp"
#include "nips/nip11/nip11_parse.hpp"

// The pure half of the NIP-11 fetch (nips.md §3): where to ask and which answers count.
// The HTTP request itself lives with the transport; it hands (status, content type,
// body) to accept_nip11_response.
namespace bigbrotr::nips {

// Body caps: the library default and the monitor's default (processing.nip11_info_max_size).
inline constexpr std::size_t kNip11DefaultMaxSize = 65536;
inline constexpr std::size_t kNip11MonitorMaxSize = 1048576;

// The document's URL: https:// for a wss relay, http:// for ws; same host (IPv6
// bracketed) and path; the port only when it is not the default of the new scheme
// (443 / 80); never a query.
std::string nip11_url(const models::Relay& relay);

// The Accept header value to send.
inline constexpr std::string_view kNip11Accept = "application/nostr+json";

// Applies the acceptance rules in order and parses the body:
// status must be exactly 200 ("HTTP <status>"); the media type (text before `;`,
// trimmed, lower-cased) must be application/nostr+json or application/json
// ("Invalid Content-Type: <media type>"); the body at most max_size bytes
// ("Response body too large: >max_size bytes" — the transport should stop reading at
// max_size + 1 and pass what it has); then parse_nip11.
models::Result<Nip11Parse> accept_nip11_response(int status, std::string_view content_type,
                                                 std::string_view body,
                                                 std::size_t max_size = kNip11DefaultMaxSize);

// The nip11_info check result of a fetch: success with the document's data, or failure
// with the reason and no data.
CheckResult nip11_check_result(const models::Result<Nip11Parse>& outcome);

}  // namespace bigbrotr::nips
