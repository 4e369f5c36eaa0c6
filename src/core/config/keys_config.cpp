#include "core/config/keys_config.hpp"

namespace bigbrotr::core {

const Secret& KeysConfig::require() const {
  if (!private_key)
    throw ConfigError(source_file, "keys.keys_env", "environment variable " + keys_env + " is not set");
  return *private_key;
}

void resolve_keys(KeysConfig& out, const LoadOptions& options) {
  const std::optional<std::string> value = options.env(out.keys_env);
  if (value && !value->empty()) {
    out.private_key = Secret(*value);
  } else {
    out.private_key.reset();
  }
}

void read_keys(ConfigReader& reader, KeysConfig& out, const LoadOptions& options) {
  out.source_file = reader.file();
  reader.section("keys", [&](ConfigReader& keys) {
    keys.read_string("keys_env", out.keys_env);
    if (out.keys_env.empty()) throw keys.error("keys_env", "must name an environment variable");
  });
  resolve_keys(out, options);
}

}  // namespace bigbrotr::core
