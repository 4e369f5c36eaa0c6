#include "core/config/yaml_source.hpp"

#include <yaml-cpp/depthguard.h>

#include <fstream>

#include <fmt/format.h>

#include "core/config/config_error.hpp"

namespace bigbrotr::core {
namespace {

std::string too_large(std::size_t size) {
  return fmt::format("is {} bytes, more than the 1 MiB limit of a configuration file", size);
}

// Reads at most kMaxConfigFileBytes + 1 bytes: enough to tell that a file is too large
// without holding it, even when its size is unknown beforehand (a pipe, /dev/zero).
std::string read_capped(const std::filesystem::path& path, const std::string& file) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError(file, "", "cannot be opened for reading");
  std::string text(kMaxConfigFileBytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) throw ConfigError(file, "", "could not be read");
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > kMaxConfigFileBytes) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) throw ConfigError(file, "", "is more than the 1 MiB limit of a configuration file");
    throw ConfigError(file, "", too_large(static_cast<std::size_t>(size)));
  }
  return text;
}

}  // namespace

YAML::Node parse_yaml_text(std::string_view text, const std::string& file) {
  if (text.size() > kMaxConfigFileBytes) throw ConfigError(file, "", too_large(text.size()));
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::DeepRecursion& e) {
    // yaml-cpp's own message for this is "bad file".
    throw ConfigError(
        file, "",
        fmt::format("nesting is too deep at line {}, column {}", e.mark.line + 1, e.mark.column + 1));
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
  return parse_yaml_text(read_capped(path, file), file);
}

}  // namespace bigbrotr::core
