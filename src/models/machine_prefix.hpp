#pragma once

#include <string_view>

// The NIP-01 machine-readable prefix of an OK, CLOSED or NOTICE message ("auth-required:
// we only serve members" → "auth-required"): the one place that reads it, for the
// status model, the relay client and the synchronizer alike.
namespace bigbrotr::models {

// The text before the first ':' when it is one lower-case word (letters and '-'); empty
// otherwise.
std::string_view machine_prefix(std::string_view message) noexcept;

// True when `message` carries the machine prefix `prefix` (e.g. "auth-required").
bool has_machine_prefix(std::string_view message, std::string_view prefix) noexcept;

}  // namespace bigbrotr::models
