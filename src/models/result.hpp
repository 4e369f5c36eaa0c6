#pragma once

#include <string>
#include <utility>
#include <variant>

namespace bigbrotr::models {

// Why an operation on untrusted input did not produce a value. `reason` is a short,
// human-readable sentence fit for a log line; it never contains secrets.
struct Failure {
  std::string reason;
};

// Either a value or a Failure. What relays, files and users send is data, so parsing
// and network outcomes are returned as values instead of thrown (DESIGN.md, "Values,
// not exceptions"). Accessing the wrong alternative is a programming error and throws
// std::bad_variant_access.
template <class T>
class Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Failure failure) : state_(std::in_place_index<1>, std::move(failure)) {}  // NOLINT

  bool ok() const noexcept { return state_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  const T& value() const& { return std::get<0>(state_); }
  T& value() & { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  const T& operator*() const& { return value(); }
  const T* operator->() const { return &value(); }

  const Failure& failure() const { return std::get<1>(state_); }
  const std::string& reason() const { return failure().reason; }

 private:
  std::variant<T, Failure> state_;
};

// Shorthand for returning a failure: `return fail("invalid scheme");`.
inline Failure fail(std::string reason) { return Failure{std::move(reason)}; }

}  // namespace bigbrotr::models
