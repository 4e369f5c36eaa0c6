#include "core/config/config_error.hpp"

#include <utility>

#include "models/text_excerpt.hpp"

namespace bigbrotr::core {
namespace {

std::string describe(const std::string& file, const std::string& key_path, const std::string& rule) {
  std::string message = file.empty() ? std::string("<built-in defaults>") : file;
  // Key paths come from the file: an absurdly long key must not make an absurd line.
  if (!key_path.empty()) message += ": " + models::excerpt(key_path);
  message += ": " + rule;
  return message;
}

}  // namespace

ConfigError::ConfigError(std::string file, std::string key_path, std::string rule)
    : std::runtime_error(describe(file, key_path, rule)),
      file_(std::move(file)),
      key_path_(std::move(key_path)),
      rule_(std::move(rule)) {}

}  // namespace bigbrotr::core
