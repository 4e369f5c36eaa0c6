#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>

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
  DnsErrorCode code = DnsErrorCode::other;
  // A short sentence for logs (c-ares' text, or ours).
  std::string reason;
};

// Either T or a DnsError. Accessing the wrong alternative throws std::bad_variant_access.
template <class T>
class DnsResult {
 public:
  DnsResult(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  DnsResult(DnsError error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool ok() const noexcept { return state_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  const T& operator*() const& { return value(); }
  const T* operator->() const { return &value(); }
  const DnsError& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, DnsError> state_;
};

}  // namespace bigbrotr::utils
