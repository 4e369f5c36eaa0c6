#pragma once

#include <filesystem>
#include <string>

#include <yaml-cpp/yaml.h>

#include "core/config/config_reader.hpp"
#include "core/config/load_options.hpp"
#include "core/config/yaml_source.hpp"

namespace bigbrotr::core {

// Builds a typed config (StorageConfig, SeederConfig, …, RefresherConfig) from a parsed
// YAML mapping: the struct's defaults, overridden by the document's keys, checked with
// the config's bounds and cross-field rules; any key the config does not know is an
// error. `file` names the document in errors ("" = built-in defaults). Throws
// ConfigError. Config must have a read_config(ConfigReader&, Config&, const
// LoadOptions&) overload.
template <class Config>
Config parse_config_document(const YAML::Node& root, const std::string& file, const LoadOptions& options) {
  Config config;
  ConfigReader reader = ConfigReader::document(root, file, options.env);
  read_config(reader, config, options);
  reader.finish();
  return config;
}

// The built-in defaults of Config, with secrets (keys_env) resolved from options.env.
template <class Config>
Config default_config(const LoadOptions& options) {
  return parse_config_document<Config>(YAML::Node(YAML::NodeType::Map), "", options);
}

// Reads and parses one config file; a missing or unreadable file is a ConfigError.
template <class Config>
Config load_config_file(const std::filesystem::path& path, const LoadOptions& options) {
  return parse_config_document<Config>(load_yaml_file(path), path.string(), options);
}

}  // namespace bigbrotr::core
