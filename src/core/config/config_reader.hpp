#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "core/config/config_error.hpp"
#include "core/config/environment.hpp"
#include "models/text_excerpt.hpp"

namespace bigbrotr::core {

// Inclusive numeric bounds; an absent side is unbounded. Integer and real fields share
// it (every bound in the spec is exactly representable as a double).
struct Range {
  std::optional<double> min;
  std::optional<double> max;
};
inline Range between(double min, double max) { return Range{min, max}; }
inline Range at_least(double min) { return Range{min, std::nullopt}; }
inline Range unbounded() { return Range{}; }

// The text of a range violation: "must be between 10 and 1000, got 5",
// "must be at least 100, got 5", "must be at most 10, got 12". A long `got` is cut
// (models::excerpt).
std::string describe_range(const Range& range, std::string_view got);

// A strict, typed walk over one YAML mapping of a config file.
//
// Each read_* call looks a key up, marks it consumed, converts its value (after
// ${VAR} interpolation, see interpolation.hpp) and checks bounds. An absent key leaves
// the output untouched, so callers pass fields that already hold their defaults.
// finish() then rejects every key nobody asked for, which is how typos are caught.
// Every error is a ConfigError naming the file and the full key path of the value
// ("processing.retries.nip66_rtt.max_attempts", "api.sources[1].url").
//
// A reader is cheap to copy; copies share the file name and environment lookup. A null
// value where a mapping is expected counts as an empty mapping (a section whose keys are
// all commented out).
class ConfigReader {
 public:
  // The reader of a whole document. `root` must be a mapping or null.
  static ConfigReader document(const YAML::Node& root, std::string file, EnvLookup env);

  const std::string& file() const noexcept;
  const std::string& path() const noexcept { return path_; }
  // The full key path of `key` inside this mapping.
  std::string path_of(std::string_view key) const;
  // An error about `key` of this mapping (for cross-field rules): throw the result.
  ConfigError error(std::string_view key, std::string rule) const;

  bool contains(std::string_view key) const;
  // All keys in document order (e.g. for filter objects whose keys are open-ended).
  std::vector<std::string> keys() const;

  void read_bool(std::string_view key, bool& out);
  void read_string(std::string_view key, std::string& out);
  void read_string(std::string_view key, std::optional<std::string>& out);  // null allowed
  void read_int(std::string_view key, std::int64_t& out, const Range& range);
  void read_int(std::string_view key, std::optional<std::int64_t>& out, const Range& range);
  void read_int(std::string_view key, int& out, const Range& range);
  void read_real(std::string_view key, double& out, const Range& range);
  void read_real(std::string_view key, std::optional<double>& out, const Range& range);
  void read_strings(std::string_view key, std::vector<std::string>& out);
  void read_strings(std::string_view key, std::optional<std::vector<std::string>>& out);
  void read_ints(std::string_view key, std::vector<std::int64_t>& out, const Range& range);

  // Reads `key` as a name parsed by `parse` (e.g. models::parse_network_type);
  // `choices` lists the accepted names for the error message.
  template <class Enum, class Parse>
  void read_enum(std::string_view key, Enum& out, Parse parse, std::string_view choices) {
    std::optional<std::string> text;
    read_string(key, text);
    if (!text) {
      if (contains(key)) throw error(key, "expected one of " + std::string(choices) + ", got null");
      return;
    }
    const std::optional<Enum> value = parse(*text);
    if (!value)
      throw error(key, "expected one of " + std::string(choices) + ", got " + models::quoted_excerpt(*text));
    out = *value;
  }

  // Runs fn(ConfigReader&) on the nested mapping `key` (if present), then finish()es it.
  template <class Fn>
  void section(std::string_view key, Fn&& fn) {
    if (std::optional<ConfigReader> child = open_section(key)) {
      fn(*child);
      child->finish();
    }
  }

  // For a list of mappings under `key`: runs fn(ConfigReader& item, index) on each item,
  // then finish()es it. Returns false (and calls nothing) when the key is absent, so the
  // caller can keep its default list; a present list replaces the default entirely.
  template <class Fn>
  bool each_mapping(std::string_view key, Fn&& fn) {
    std::optional<std::vector<ConfigReader>> items = open_mapping_list(key);
    if (!items) return false;
    for (std::size_t i = 0; i < items->size(); ++i) {
      fn((*items)[i], i);
      (*items)[i].finish();
    }
    return true;
  }

  // Throws ConfigError(file, path_of(key), "unknown key") for the first key of this
  // mapping that no read_* / section call consumed.
  void finish() const;

 private:
  struct Context;
  struct Entry {
    std::string key;
    YAML::Node value;
    bool used = false;
  };
  // The interpolated text of a scalar, or null.
  struct Scalar {
    bool null = false;
    std::string text;
  };

  ConfigReader(const YAML::Node& mapping, std::string path, std::shared_ptr<const Context> context);

  Entry* take(std::string_view key);
  bool is_null(std::string_view key) const;
  std::optional<Scalar> take_scalar(std::string_view key, std::string_view expected);
  Scalar scalar_of(const YAML::Node& node, const std::string& path, std::string_view expected) const;
  std::int64_t int_of(const Scalar& scalar, const std::string& path, const Range& range) const;
  double real_of(const Scalar& scalar, const std::string& path, const Range& range) const;
  std::optional<ConfigReader> open_section(std::string_view key);
  std::optional<std::vector<ConfigReader>> open_mapping_list(std::string_view key);
  std::optional<std::vector<YAML::Node>> take_list(std::string_view key);

  std::shared_ptr<const Context> context_;
  std::string path_;
  std::vector<Entry> entries_;
};

}  // namespace bigbrotr::core
