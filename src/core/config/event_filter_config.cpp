#include "core/config/event_filter_config.hpp"

#include <cctype>

#include <fmt/format.h>

#include "models/text_excerpt.hpp"

namespace bigbrotr::core {
namespace {

bool is_hex64(const std::string& text) {
  return text.size() == 64 && text.find_first_not_of("0123456789abcdef") == std::string::npos;
}

void read_hex_list(ConfigReader& reader, std::string_view key, std::optional<std::vector<std::string>>& out) {
  reader.read_strings(key, out);
  if (!out) return;
  for (std::size_t i = 0; i < out->size(); ++i) {
    if (!is_hex64((*out)[i])) {
      throw reader.error(fmt::format("{}[{}]", key, i),
                         "must be 64 lower-case hex characters, got " + models::quoted_excerpt((*out)[i]));
    }
  }
}

bool is_tag_key(const std::string& key) {
  return key.size() == 2 && key[0] == '#' && std::isalpha(static_cast<unsigned char>(key[1])) != 0;
}

}  // namespace

EventFilterConfig read_event_filter(ConfigReader& reader) {
  EventFilterConfig filter;
  read_hex_list(reader, "ids", filter.ids);
  read_hex_list(reader, "authors", filter.authors);
  if (reader.contains("kinds")) {
    std::vector<std::int64_t> kinds;
    reader.read_ints("kinds", kinds, between(0, 65535));
    filter.kinds = std::move(kinds);
  }
  for (const std::string& key : reader.keys()) {
    if (!is_tag_key(key)) continue;
    std::vector<std::string> values;
    reader.read_strings(key, values);
    filter.tags[key[1]] = std::move(values);
  }
  // The synchronizer windows every request itself; these are validated, then dropped.
  std::optional<std::int64_t> ignored;
  reader.read_int("since", ignored, at_least(0));
  reader.read_int("until", ignored, at_least(0));
  reader.read_int("limit", ignored, at_least(0));
  return filter;
}

}  // namespace bigbrotr::core
