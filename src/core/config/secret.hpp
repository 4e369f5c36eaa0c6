#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace bigbrotr::core {

// A value read from the environment that must never reach a log line or an error
// message: a database password or a private key. It has no stream operator and no
// implicit conversion; code that needs the text calls reveal() at the point of use.
class Secret {
 public:
  explicit Secret(std::string value) : value_(std::move(value)) {}

  // The secret itself. Pass it straight to the consumer (driver, signer); never log it.
  const std::string& reveal() const noexcept { return value_; }

  // What to print instead of the value.
  static constexpr std::string_view kRedacted = "***";

  friend bool operator==(const Secret&, const Secret&) = default;

 private:
  std::string value_;
};

}  // namespace bigbrotr::core
