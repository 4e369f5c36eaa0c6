#include "core/config/interpolation.hpp"

#include <cctype>

#include "core/config/config_error.hpp"
#include "models/text_excerpt.hpp"

namespace bigbrotr::core {
namespace {

bool is_valid_name(std::string_view name) {
  if (name.empty()) return false;
  const auto first = static_cast<unsigned char>(name.front());
  if (std::isalpha(first) == 0 && first != '_') return false;
  for (const char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) == 0 && u != '_') return false;
  }
  return true;
}

// Resolves the body of one "${...}" reference (the text between the braces).
std::string expand_reference(std::string_view body, const EnvLookup& env, const ValueOrigin& origin) {
  const auto separator = body.find(":-");
  const std::string_view name = separator == std::string_view::npos ? body : body.substr(0, separator);
  if (!is_valid_name(name)) {
    throw ConfigError(origin.file, origin.key_path,
                      "invalid environment variable name " + models::quoted_excerpt(name) + " in ${...}");
  }
  const std::optional<std::string> value = env(name);
  if (separator != std::string_view::npos) {
    // Shell semantics: ":-" also replaces a variable that is set but empty.
    if (value && !value->empty()) return *value;
    return std::string(body.substr(separator + 2));
  }
  if (!value) {
    throw ConfigError(origin.file, origin.key_path,
                      "environment variable " + models::excerpt(name) + " is not set");
  }
  return *value;
}

}  // namespace

std::string interpolate(std::string_view text, const EnvLookup& env, const ValueOrigin& origin) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c != '$' || i + 1 == text.size()) {
      out += c;
      ++i;
      continue;
    }
    const char next = text[i + 1];
    if (next == '$') {
      out += '$';
      i += 2;
    } else if (next == '{') {
      const auto close = text.find('}', i + 2);
      if (close == std::string_view::npos) {
        throw ConfigError(origin.file, origin.key_path, "unterminated ${ in value");
      }
      out += expand_reference(text.substr(i + 2, close - i - 2), env, origin);
      i = close + 1;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

}  // namespace bigbrotr::core
