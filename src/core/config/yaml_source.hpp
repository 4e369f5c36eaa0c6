#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

namespace bigbrotr::core {

// The largest configuration file bigbrotr reads (1 MiB; the bundled ones are a few KiB).
// Anything larger is refused before it is read, so a wrong path (a log, a database) or a
// hostile file costs no memory.
inline constexpr std::size_t kMaxConfigFileBytes = std::size_t{1} << 20;

// Reads and parses one YAML config file. The result is always a mapping node: an empty
// file (or one holding only comments) is an empty mapping. Throws ConfigError naming the
// file when it cannot be read, is larger than kMaxConfigFileBytes, is not valid YAML
// (with line and column), nests deeper than the YAML parser allows ("nesting is too
// deep"), or its top level is not a mapping. Whether a missing file is acceptable is the
// caller's decision: call std::filesystem::exists first when absence means "use defaults".
YAML::Node load_yaml_file(const std::filesystem::path& path);

// Same as load_yaml_file for text already in memory; `file` names it in errors.
YAML::Node parse_yaml_text(std::string_view text, const std::string& file);

}  // namespace bigbrotr::core
