#include "models/machine_prefix.hpp"

#include <algorithm>

namespace bigbrotr::models {

std::string_view machine_prefix(std::string_view message) noexcept {
  const auto colon = message.find(':');
  if (colon == std::string_view::npos || colon == 0) return {};
  const std::string_view prefix = message.substr(0, colon);
  const bool word = std::ranges::all_of(prefix, [](char c) { return (c >= 'a' && c <= 'z') || c == '-'; });
  return word ? prefix : std::string_view{};
}

bool has_machine_prefix(std::string_view message, std::string_view prefix) noexcept {
  return !prefix.empty() && machine_prefix(message) == prefix;
}

}  // namespace bigbrotr::models
