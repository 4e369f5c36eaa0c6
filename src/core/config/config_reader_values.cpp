// The typed read_* members of ConfigReader (the structural walk is in config_reader.cpp).
#include <fmt/format.h>

#include "core/config/config_reader.hpp"
#include "core/config/scalar_text.hpp"
#include "models/text_excerpt.hpp"

namespace bigbrotr::core {
namespace {

bool in_range(double value, const Range& range) {
  return (!range.min || value >= *range.min) && (!range.max || value <= *range.max);
}

std::string item_path(const std::string& parent, std::size_t index) {
  return fmt::format("{}[{}]", parent, index);
}

}  // namespace

std::int64_t ConfigReader::int_of(const Scalar& scalar, const std::string& path, const Range& range) const {
  if (scalar.null) throw ConfigError(file(), path, "expected an integer, got null");
  const std::optional<std::int64_t> value = parse_int_text(scalar.text);
  if (!value)
    throw ConfigError(file(), path, "expected an integer, got " + models::quoted_excerpt(scalar.text));
  if (!in_range(static_cast<double>(*value), range))
    throw ConfigError(file(), path, describe_range(range, scalar.text));
  return *value;
}

double ConfigReader::real_of(const Scalar& scalar, const std::string& path, const Range& range) const {
  if (scalar.null) throw ConfigError(file(), path, "expected a number, got null");
  const std::optional<double> value = parse_real_text(scalar.text);
  if (!value)
    throw ConfigError(file(), path, "expected a number, got " + models::quoted_excerpt(scalar.text));
  if (!in_range(*value, range)) throw ConfigError(file(), path, describe_range(range, scalar.text));
  return *value;
}

void ConfigReader::read_bool(std::string_view key, bool& out) {
  const std::optional<Scalar> scalar = take_scalar(key, "true or false");
  if (!scalar) return;
  if (scalar->null) throw error(key, "expected true or false, got null");
  const std::optional<bool> value = parse_bool_text(scalar->text);
  if (!value) throw error(key, "expected true or false, got " + models::quoted_excerpt(scalar->text));
  out = *value;
}

void ConfigReader::read_string(std::string_view key, std::string& out) {
  const std::optional<Scalar> scalar = take_scalar(key, "a string");
  if (!scalar) return;
  if (scalar->null) throw error(key, "expected a string, got null");
  out = scalar->text;
}

void ConfigReader::read_string(std::string_view key, std::optional<std::string>& out) {
  const std::optional<Scalar> scalar = take_scalar(key, "a string or null");
  if (!scalar) return;
  out = scalar->null ? std::nullopt : std::optional<std::string>(scalar->text);
}

void ConfigReader::read_int(std::string_view key, std::int64_t& out, const Range& range) {
  const std::optional<Scalar> scalar = take_scalar(key, "an integer");
  if (scalar) out = int_of(*scalar, path_of(key), range);
}

void ConfigReader::read_int(std::string_view key, std::optional<std::int64_t>& out, const Range& range) {
  const std::optional<Scalar> scalar = take_scalar(key, "an integer or null");
  if (!scalar) return;
  out = scalar->null ? std::nullopt : std::optional<std::int64_t>(int_of(*scalar, path_of(key), range));
}

void ConfigReader::read_int(std::string_view key, int& out, const Range& range) {
  std::int64_t wide = out;
  read_int(key, wide, range);
  // Every int field has bounds well inside int; the range check above already ran.
  out = static_cast<int>(wide);
}

void ConfigReader::read_real(std::string_view key, double& out, const Range& range) {
  const std::optional<Scalar> scalar = take_scalar(key, "a number");
  if (scalar) out = real_of(*scalar, path_of(key), range);
}

void ConfigReader::read_real(std::string_view key, std::optional<double>& out, const Range& range) {
  const std::optional<Scalar> scalar = take_scalar(key, "a number or null");
  if (!scalar) return;
  out = scalar->null ? std::nullopt : std::optional<double>(real_of(*scalar, path_of(key), range));
}

void ConfigReader::read_strings(std::string_view key, std::vector<std::string>& out) {
  const std::optional<std::vector<YAML::Node>> nodes = take_list(key);
  if (!nodes) return;
  const std::string base = path_of(key);
  std::vector<std::string> values;
  for (std::size_t i = 0; i < nodes->size(); ++i) {
    const std::string path = item_path(base, i);
    const Scalar scalar = scalar_of((*nodes)[i], path, "a string");
    if (scalar.null) throw ConfigError(file(), path, "expected a string, got null");
    values.push_back(scalar.text);
  }
  out = std::move(values);
}

void ConfigReader::read_strings(std::string_view key, std::optional<std::vector<std::string>>& out) {
  if (!contains(key)) return;
  if (is_null(key)) {
    take(key);
    out = std::nullopt;
    return;
  }
  std::vector<std::string> values;
  read_strings(key, values);
  out = std::move(values);
}

void ConfigReader::read_ints(std::string_view key, std::vector<std::int64_t>& out, const Range& range) {
  const std::optional<std::vector<YAML::Node>> nodes = take_list(key);
  if (!nodes) return;
  const std::string base = path_of(key);
  std::vector<std::int64_t> values;
  for (std::size_t i = 0; i < nodes->size(); ++i) {
    const std::string path = item_path(base, i);
    values.push_back(int_of(scalar_of((*nodes)[i], path, "an integer"), path, range));
  }
  out = std::move(values);
}

}  // namespace bigbrotr::core
