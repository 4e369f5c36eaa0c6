#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace bigbrotr::core {

// Strict conversions of one YAML scalar's text. Each returns nullopt unless the whole
// text is a value of that type; no surrounding spaces, no trailing garbage.

// YAML 1.2 core-schema booleans only: true/True/TRUE and false/False/FALSE. The YAML 1.1
// words (yes, no, on, off, y, n) are rejected: they are a classic source of surprises.
std::optional<bool> parse_bool_text(std::string_view text) noexcept;

// A decimal integer with an optional sign ("42", "-7", "+3"); no fractions, no exponent,
// no hex, no digit separators.
std::optional<std::int64_t> parse_int_text(std::string_view text) noexcept;

// A finite decimal number ("1", "0.5", "-2.5e3", ".5"); .inf and .nan are rejected.
std::optional<double> parse_real_text(std::string_view text) noexcept;

}  // namespace bigbrotr::core
