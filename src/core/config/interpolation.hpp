#pragma once

#include <string>
#include <string_view>

#include "core/config/environment.hpp"

namespace bigbrotr::core {

// Where a scalar came from, so an interpolation failure can name it.
struct ValueOrigin {
  std::string file;      // the YAML file ("" for built-in defaults)
  std::string key_path;  // dotted key path inside it, e.g. "database.url"
};

// Expands environment references in one scalar value:
//   ${NAME}          the value of NAME; an unset NAME is an error (set but empty is "")
//   ${NAME:-default} the value of NAME, or `default` when NAME is unset or empty
//   $$               a literal '$'
// NAME matches [A-Za-z_][A-Za-z0-9_]*; `default` runs to the first '}' and is not itself
// expanded. Any other '$' is kept as written. Throws ConfigError(origin.file,
// origin.key_path, rule) for an unset variable, a bad name or an unterminated "${".
std::string interpolate(std::string_view text, const EnvLookup& env, const ValueOrigin& origin);

}  // namespace bigbrotr::core
