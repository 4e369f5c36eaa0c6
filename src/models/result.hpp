#pragma once

#include <string>
#include <utility>
#include <variant>

namespace bigbrotr::models {

// Why an operation on untrusted input did not produce a value, when callers need no more
// than a sentence. `reason` is short and human-readable, fit for a log line; it never
// contains secrets.
struct Failure {
  std::string reason;
};

// Either a value or an error E. What relays, files and users send is data, so parsing
// and network outcomes are returned as values instead of thrown (design.md §3, "Values,
// not exceptions"). E has a `reason` for people and, when callers must tell failures
// apart, a `kind` they switch on (transport errors, DNS errors, fetch failures): code
// branches on kinds, never on the wording of reasons. Accessing the wrong alternative is a
// programming error and throws std::bad_variant_access.
template <class T, class E = Failure>
class Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(E error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool ok() const noexcept { return state_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  const T& value() const& { return std::get<0>(state_); }
  T& value() & { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  const E& error() const { return std::get<1>(state_); }
  const E& failure() const { return error(); }
  const std::string& reason() const { return error().reason; }
  // The error's kind, for errors that have one.
  auto kind() const requires requires(const E& e) { e.kind; }
  { return error().kind; }

 private:
  std::variant<T, E> state_;
};

// Shorthand for returning a failure: `return fail("invalid scheme");`.
inline Failure fail(std::string reason) { return Failure{std::move(reason)}; }

}  // namespace bigbrotr::models
