#include "models/event_relay.hpp"

#include <algorithm>
#include <utility>

namespace bigbrotr::models {
namespace {

// One character, as PostgreSQL's length() counts them: one UTF-8 lead byte and its
// continuation bytes (tag text is valid UTF-8, the JSON parser checks it).
bool is_one_character(const std::string& name) {
  const auto leads = std::count_if(name.begin(), name.end(), [](char byte) {
    return (static_cast<unsigned char>(byte) & 0xC0U) != 0x80U;
  });
  return leads == 1;
}

}  // namespace

std::optional<std::string> unstorable_reason(const Event& event) {
  if (event.content().find('\0') != std::string::npos) return "content contains NUL";
  for (const auto& tag : event.tags()) {
    for (const auto& value : tag) {
      if (value.find('\0') != std::string::npos) return "tag value contains NUL";
      if (value.size() > kMaxStoredTagValueLength) return "tag value longer than 2048 characters";
    }
  }
  return std::nullopt;
}

std::vector<std::string> tag_values_index(const Event& event) {
  std::vector<std::string> values;
  for (const auto& tag : event.tags()) {
    if (tag.size() < 2 || !is_one_character(tag[0])) continue;
    std::string entry;
    entry.reserve(tag[1].size() + 2);
    entry += tag[0];
    entry += ':';
    entry += tag[1];
    values.push_back(std::move(entry));
  }
  return values;
}

Result<EventRelay> EventRelay::create(Event event, Relay relay, std::int64_t seen_at) {
  if (seen_at < 0) return fail("seen_at is negative");
  if (auto reason = unstorable_reason(event)) return fail(std::move(*reason));
  return EventRelay(std::move(event), std::move(relay), seen_at);
}

EventRelay::EventRelay(Event event, Relay relay, std::int64_t seen_at)
    : event_(std::move(event)), relay_(std::move(relay)), seen_at_(seen_at) {}

}  // namespace bigbrotr::models
