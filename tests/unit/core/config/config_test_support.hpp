#pragma once

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <string>

#include <gtest/gtest.h>

#include "core/config/config_document.hpp"
#include "core/config/config_error.hpp"
#include "core/config/environment.hpp"
#include "core/config/load_options.hpp"

namespace bigbrotr::core::testing {

// A fresh directory under the system temp dir, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() / ("bigbrotr-config-test-" + std::to_string(random()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

  // Writes `text` to path()/relative (creating folders) and returns the full path.
  std::filesystem::path write(const std::string& relative, const std::string& text) const {
    const std::filesystem::path file = path_ / relative;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
    return file;
  }

 private:
  std::filesystem::path path_;
};

// Options with a fixed environment and a fixed "now" (2024-01-01T00:00:00Z).
inline LoadOptions test_options(std::map<std::string, std::string> env = {}) {
  LoadOptions options;
  options.env = fixed_environment(std::move(env));
  options.now = 1704067200;
  return options;
}

// Parses `yaml` as the document of file "test.yaml".
template <class Config>
Config parse(const std::string& yaml, const LoadOptions& options = test_options()) {
  return parse_config_document<Config>(parse_yaml_text(yaml, "test.yaml"), "test.yaml", options);
}

// The ConfigError thrown while parsing `yaml` (file "test.yaml"); a test failure when
// nothing is thrown.
template <class Config>
ConfigError parse_error(const std::string& yaml, const LoadOptions& options = test_options()) {
  try {
    parse<Config>(yaml, options);
  } catch (const ConfigError& error) {
    return error;
  }
  ADD_FAILURE() << "no ConfigError for:\n" << yaml;
  return ConfigError("", "", "no error");
}

// The ConfigError thrown while loading `yaml` written to a real file `name` in `dir`.
template <class Config>
ConfigError file_error(const TempDir& dir, const std::string& name, const std::string& yaml,
                       const LoadOptions& options = test_options()) {
  const std::filesystem::path file = dir.write(name, yaml);
  try {
    load_config_file<Config>(file, options);
  } catch (const ConfigError& error) {
    return error;
  }
  ADD_FAILURE() << "no ConfigError for " << name << ":\n" << yaml;
  return ConfigError("", "", "no error");
}

}  // namespace bigbrotr::core::testing
