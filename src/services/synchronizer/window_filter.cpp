#include "services/synchronizer/window_filter.hpp"

#include <boost/json/array.hpp>

#include <algorithm>
#include <string>

#include "models/hex.hpp"

namespace bigbrotr::services::synchronizer {
namespace {

template <class Bytes>
std::vector<Bytes> decode_all(const std::optional<std::vector<std::string>>& texts) {
  std::vector<Bytes> decoded;
  if (!texts) return decoded;
  for (const std::string& text : *texts) {
    Bytes bytes{};
    if (models::decode_hex_lower(text, bytes)) decoded.push_back(bytes);
  }
  return decoded;
}

template <class Value>
boost::json::array json_array(const std::vector<Value>& values) {
  boost::json::array array;
  for (const Value& value : values) array.emplace_back(value);
  return array;
}

template <class Value>
bool contains(const std::vector<Value>& values, const Value& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

bool has_tag_value(const models::Event& event, char letter, const std::vector<std::string>& values) {
  return std::any_of(event.tags().begin(), event.tags().end(), [&](const std::vector<std::string>& tag) {
    return tag.size() >= 2 && tag[0].size() == 1 && tag[0][0] == letter && contains(values, tag[1]);
  });
}

}  // namespace

WindowFilter::WindowFilter(core::EventFilterConfig base)
    : base_(std::move(base)),
      ids_(decode_all<models::Sha256Digest>(base_.ids)),
      authors_(decode_all<models::XOnlyPublicKey>(base_.authors)) {}

boost::json::object WindowFilter::to_json(TimeWindow window, std::size_t limit) const {
  boost::json::object filter;
  if (base_.ids) filter["ids"] = json_array(*base_.ids);
  if (base_.authors) filter["authors"] = json_array(*base_.authors);
  if (base_.kinds) filter["kinds"] = json_array(*base_.kinds);
  for (const auto& [letter, values] : base_.tags) filter[std::string{'#', letter}] = json_array(values);
  filter["since"] = window.since;
  filter["until"] = window.until;
  filter["limit"] = limit;
  return filter;
}

bool WindowFilter::matches(const models::Event& event, TimeWindow window) const {
  if (event.created_at() < window.since || event.created_at() > window.until) return false;
  if (base_.ids && !contains(ids_, event.id())) return false;
  if (base_.authors && !contains(authors_, event.pubkey())) return false;
  if (base_.kinds && !contains(*base_.kinds, static_cast<std::int64_t>(event.kind()))) return false;
  return std::all_of(base_.tags.begin(), base_.tags.end(), [&](const auto& condition) {
    return has_tag_value(event, condition.first, condition.second);
  });
}

std::vector<WindowFilter> window_filters(const std::vector<core::EventFilterConfig>& configured) {
  std::vector<WindowFilter> filters;
  filters.reserve(configured.size());
  for (const core::EventFilterConfig& config : configured) filters.emplace_back(config);
  return filters;
}

}  // namespace bigbrotr::services::synchronizer
