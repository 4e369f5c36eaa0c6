#include "core/config/synchronizer_config.hpp"

#include <fmt/format.h>

namespace bigbrotr::core {
namespace {

void read_filters(ConfigReader& reader, std::vector<EventFilterConfig>& out) {
  std::vector<EventFilterConfig> filters;
  const bool present = reader.each_mapping(
      "filters", [&](ConfigReader& item, std::size_t) { filters.push_back(read_event_filter(item)); });
  if (!present) return;
  if (filters.empty())
    throw reader.error("filters", "must hold at least one filter ({} matches every event)");
  out = std::move(filters);
}

void read_processing(ConfigReader& reader, SynchronizerProcessing& out, const LoadOptions& options) {
  read_filters(reader, out.filters);
  reader.read_int("since", out.since, at_least(0));
  reader.read_int("until", out.until, at_least(0));
  reader.read_int("limit", out.limit, between(10, 5000));
  reader.read_real("end_lag", out.end_lag, between(0, 604800));
  reader.read_int("batch_size", out.batch_size, between(100, 10000));
  reader.read_bool("allow_insecure", out.allow_insecure);
  reader.read_int("max_event_size", out.max_event_size, at_least(1024));
  const std::int64_t end_time =
      out.until.value_or(load_time(options)) - static_cast<std::int64_t>(out.end_lag);
  if (end_time < out.since) {
    throw reader.error(
        "since", fmt::format("must not be after (until or now) - end_lag = {}, got {}", end_time, out.since));
  }
}

}  // namespace

void read_config(ConfigReader& reader, SynchronizerConfig& out, const LoadOptions& options) {
  read_base_service(reader, out.base, options);
  read_networks(reader, out.networks);
  read_keys(reader, out.keys, options);
  reader.section("processing",
                 [&](ConfigReader& processing) { read_processing(processing, out.processing, options); });
  reader.section("timeouts", [&](ConfigReader& timeouts) {
    timeouts.read_real("idle", out.timeouts.idle, between(10, 3600));
    timeouts.read_real("max_duration", out.timeouts.max_duration, between(60, 86400));
  });
}

}  // namespace bigbrotr::core
