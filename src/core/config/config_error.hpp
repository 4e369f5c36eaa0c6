#pragma once

#include <stdexcept>
#include <string>

namespace bigbrotr::core {

// A configuration that cannot be used: thrown at start-up only, and turned into exit
// code 2 by the CLI. The message names the file, the key path inside it (dotted, with
// [i] for list items) and the rule that was broken, e.g.
// "services/monitor.yaml: processing.chunk_size: must be between 10 and 1000, got 5".
class ConfigError : public std::runtime_error {
 public:
  ConfigError(std::string file, std::string key_path, std::string rule);

  const std::string& file() const noexcept { return file_; }
  const std::string& key_path() const noexcept { return key_path_; }
  const std::string& rule() const noexcept { return rule_; }

 private:
  std::string file_;
  std::string key_path_;
  std::string rule_;
};

}  // namespace bigbrotr::core
