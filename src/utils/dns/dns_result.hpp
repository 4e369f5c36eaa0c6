#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>

#include "models/result.hpp"

// Typed outcomes of DNS lookups: a lookup either yields its records or a DnsError whose
// code says what kind of "no" the network gave.
namespace bigbrotr::utils {

enum class DnsErrorCode : std::uint8_t {
  not_found,           // NXDOMAIN: the name does not exist
  no_data,             // the name exists but has no record of this type
  timeout,             // no answer within the timeout
  server_failure,      // SERVFAIL
  refused,             // the server refused the query
  connection_refused,  // the server's port is closed
  bad_query,           // the name or address cannot be asked about
  bad_response,        // the answer could not be parsed
  other,
};

struct DnsError {
  DnsErrorCode kind = DnsErrorCode::other;
  // A short sentence for logs (c-ares' text, or ours).
  std::string reason;
};

// Either T or a DnsError (callers switch on error().kind).
template <class T>
using DnsResult = models::Result<T, DnsError>;

}  // namespace bigbrotr::utils
