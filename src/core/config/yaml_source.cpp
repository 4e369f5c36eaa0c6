#include "core/config/yaml_source.hpp"

#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "core/config/config_error.hpp"

namespace bigbrotr::core {

YAML::Node parse_yaml_text(std::string_view text, const std::string& file) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    // yaml-cpp marks are 0-based; editors count from 1.
    throw ConfigError(
        file, "",
        fmt::format("invalid YAML at line {}, column {}: {}", e.mark.line + 1, e.mark.column + 1, e.msg));
  }
  if (!root.IsDefined() || root.IsNull()) return YAML::Node(YAML::NodeType::Map);
  if (!root.IsMap()) throw ConfigError(file, "", "the top level must be a mapping of keys to values");
  return root;
}

YAML::Node load_yaml_file(const std::filesystem::path& path) {
  const std::string file = path.string();
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw ConfigError(file, "", "is a directory, not a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError(file, "", "cannot be opened for reading");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw ConfigError(file, "", "could not be read");
  return parse_yaml_text(buffer.str(), file);
}

}  // namespace bigbrotr::core
