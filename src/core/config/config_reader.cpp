#include "core/config/config_reader.hpp"

#include <utility>

#include <fmt/format.h>

#include "core/config/interpolation.hpp"
#include "models/text_excerpt.hpp"

namespace bigbrotr::core {

struct ConfigReader::Context {
  std::string file;
  EnvLookup env;
};

namespace {

std::string child_path(const std::string& parent, std::string_view key) {
  if (parent.empty()) return std::string(key);
  return parent + "." + std::string(key);
}

std::string item_path(const std::string& parent, std::size_t index) {
  return fmt::format("{}[{}]", parent, index);
}

std::string kind_of(const YAML::Node& node) {
  if (node.IsMap()) return "a mapping";
  if (node.IsSequence()) return "a list";
  if (!node.IsDefined() || node.IsNull()) return "null";
  return models::quoted_excerpt(node.Scalar());
}

}  // namespace

std::string describe_range(const Range& range, std::string_view got_text) {
  const std::string got = models::excerpt(got_text);
  if (range.min && range.max)
    return fmt::format("must be between {} and {}, got {}", *range.min, *range.max, got);
  if (range.min) return fmt::format("must be at least {}, got {}", *range.min, got);
  if (range.max) return fmt::format("must be at most {}, got {}", *range.max, got);
  return fmt::format("is out of range, got {}", got);
}

ConfigReader ConfigReader::document(const YAML::Node& root, std::string file, EnvLookup env) {
  auto context = std::make_shared<const Context>(Context{std::move(file), std::move(env)});
  return ConfigReader(root, "", std::move(context));
}

ConfigReader::ConfigReader(const YAML::Node& mapping, std::string path,
                           std::shared_ptr<const Context> context)
    : context_(std::move(context)), path_(std::move(path)) {
  if (!mapping.IsDefined() || mapping.IsNull()) return;
  if (!mapping.IsMap())
    throw ConfigError(context_->file, path_, "expected a mapping, got " + kind_of(mapping));
  for (const auto& item : mapping) {
    if (!item.first.IsScalar()) throw ConfigError(context_->file, path_, "keys must be plain names");
    std::string key = item.first.Scalar();
    for (const Entry& seen : entries_) {
      // yaml-cpp keeps both copies of a repeated key; which one wins would be a guess.
      if (seen.key == key) throw ConfigError(context_->file, child_path(path_, key), "duplicate key");
    }
    entries_.push_back(Entry{std::move(key), item.second, false});
  }
}

const std::string& ConfigReader::file() const noexcept { return context_->file; }

std::string ConfigReader::path_of(std::string_view key) const { return child_path(path_, key); }

ConfigError ConfigReader::error(std::string_view key, std::string rule) const {
  return ConfigError(context_->file, path_of(key), std::move(rule));
}

bool ConfigReader::contains(std::string_view key) const {
  for (const Entry& entry : entries_) {
    if (entry.key == key) return true;
  }
  return false;
}

std::vector<std::string> ConfigReader::keys() const {
  std::vector<std::string> out;
  out.reserve(entries_.size());
  for (const Entry& entry : entries_) out.push_back(entry.key);
  return out;
}

void ConfigReader::finish() const {
  for (const Entry& entry : entries_) {
    if (!entry.used) throw error(entry.key, "unknown key");
  }
}

ConfigReader::Entry* ConfigReader::take(std::string_view key) {
  for (Entry& entry : entries_) {
    if (entry.key == key) {
      entry.used = true;
      return &entry;
    }
  }
  return nullptr;
}

bool ConfigReader::is_null(std::string_view key) const {
  for (const Entry& entry : entries_) {
    if (entry.key == key) return !entry.value.IsDefined() || entry.value.IsNull();
  }
  return false;
}

ConfigReader::Scalar ConfigReader::scalar_of(const YAML::Node& node, const std::string& path,
                                             std::string_view expected) const {
  if (!node.IsDefined() || node.IsNull()) return Scalar{true, {}};
  if (!node.IsScalar()) {
    throw ConfigError(context_->file, path, fmt::format("expected {}, got {}", expected, kind_of(node)));
  }
  const std::string& raw = node.Scalar();
  std::string text = interpolate(raw, context_->env, ValueOrigin{context_->file, path});
  // `key: ${LIMIT:-}` or `${LIMIT:-null}` lets the environment choose "no value"; a
  // quoted scalar ("null") stays a string.
  const bool plain = node.Tag() == "?";
  const bool null_like = text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL";
  if (plain && null_like && raw.find('$') != std::string::npos) return Scalar{true, {}};
  return Scalar{false, std::move(text)};
}

std::optional<ConfigReader::Scalar> ConfigReader::take_scalar(std::string_view key,
                                                              std::string_view expected) {
  Entry* entry = take(key);
  if (entry == nullptr) return std::nullopt;
  return scalar_of(entry->value, path_of(key), expected);
}

std::optional<ConfigReader> ConfigReader::open_section(std::string_view key) {
  Entry* entry = take(key);
  if (entry == nullptr) return std::nullopt;
  return ConfigReader(entry->value, path_of(key), context_);
}

std::optional<std::vector<YAML::Node>> ConfigReader::take_list(std::string_view key) {
  Entry* entry = take(key);
  if (entry == nullptr) return std::nullopt;
  if (!entry->value.IsSequence()) throw error(key, "expected a list, got " + kind_of(entry->value));
  std::vector<YAML::Node> items;
  for (const auto& item : entry->value) items.push_back(item);
  return items;
}

std::optional<std::vector<ConfigReader>> ConfigReader::open_mapping_list(std::string_view key) {
  std::optional<std::vector<YAML::Node>> nodes = take_list(key);
  if (!nodes) return std::nullopt;
  std::vector<ConfigReader> readers;
  const std::string base = path_of(key);
  for (std::size_t i = 0; i < nodes->size(); ++i) {
    const YAML::Node& node = (*nodes)[i];
    if (!node.IsMap() && !node.IsNull()) {
      throw ConfigError(context_->file, item_path(base, i), "expected a mapping, got " + kind_of(node));
    }
    readers.push_back(ConfigReader(node, item_path(base, i), context_));
  }
  return readers;
}

}  // namespace bigbrotr::core
