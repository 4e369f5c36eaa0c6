#include "core/config/scalar_text.hpp"

#include <charconv>
#include <cmath>
#include <system_error>

namespace bigbrotr::core {
namespace {

// from_chars rejects a leading '+', which YAML allows; strip it (but not "+-1").
std::string_view strip_plus(std::string_view text) noexcept {
  if (text.size() > 1 && text.front() == '+' && text[1] != '-' && text[1] != '+') return text.substr(1);
  return text;
}

}  // namespace

std::optional<bool> parse_bool_text(std::string_view text) noexcept {
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  return std::nullopt;
}

std::optional<std::int64_t> parse_int_text(std::string_view text) noexcept {
  text = strip_plus(text);
  if (text.empty()) return std::nullopt;
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<double> parse_real_text(std::string_view text) noexcept {
  text = strip_plus(text);
  if (text.empty()) return std::nullopt;
  // from_chars would accept "inf", "nan" and hex floats with this format; only digits,
  // a sign, a point and an exponent are numbers in a config file.
  for (const char c : text) {
    const bool allowed = (c >= '0' && c <= '9') || c == '.' || c == '-' || c == 'e' || c == 'E' || c == '+';
    if (!allowed) return std::nullopt;
  }
  double value = 0;
  const auto [end, ec] =
      std::from_chars(text.data(), text.data() + text.size(), value, std::chars_format::general);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

}  // namespace bigbrotr::core
