#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace bigbrotr::core {

// Looks up one environment variable: the value, or nullopt when it is not set. Config
// loading takes the lookup as a parameter (never calls getenv itself) so tests can
// supply their own environment.
using EnvLookup = std::function<std::optional<std::string>(std::string_view name)>;

// The process environment (getenv). Safe to call from any thread as long as nothing
// modifies the environment meanwhile.
EnvLookup process_environment();

// A fixed environment holding exactly `variables`; the lookup owns a copy of the map.
EnvLookup fixed_environment(std::map<std::string, std::string> variables);

}  // namespace bigbrotr::core
