#pragma once

#include <optional>
#include <string>

#include "core/config/config_reader.hpp"
#include "core/config/load_options.hpp"
#include "core/config/secret.hpp"

namespace bigbrotr::core {

// `keys:` of the monitor and the synchronizer: the Nostr private key, read only from the
// environment variable named by `keys_env` (hex-64 or nsec1…; the format is checked by
// the code that builds the signer, not here).
struct KeysConfig {
  std::string keys_env = "NOSTR_PRIVATE_KEY";
  // The variable's value when it was set and non-empty at load time.
  std::optional<Secret> private_key;
  // The file the section came from ("" = built-in defaults), for require()'s error.
  std::string source_file;

  // The key, for a service that cannot run without one. Throws
  // ConfigError(source_file, "keys.keys_env", "environment variable <VAR> is not set")
  // when it was missing. Loading does not require the key, so a deployment can be
  // loaded (and other services run) without it.
  const Secret& require() const;
};

// Reads the `keys` section (if any) of a service file and resolves the variable.
void read_keys(ConfigReader& reader, KeysConfig& out, const LoadOptions& options);

// Resolves out.private_key from options.env without any file (built-in defaults).
void resolve_keys(KeysConfig& out, const LoadOptions& options);

}  // namespace bigbrotr::core
