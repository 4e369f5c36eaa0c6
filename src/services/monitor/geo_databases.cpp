#include "services/monitor/geo_databases.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <fstream>
#include <string>
#include <system_error>

#include "models/result.hpp"
#include "utils/transport/http_client.hpp"

namespace bigbrotr::services::monitor {
namespace {

namespace fs = std::filesystem;

// A GeoLite2 file is tens of MB; this bounds a stalled download, not a slow one.
constexpr std::chrono::minutes kDownloadTimeout{10};

struct DatabaseSource {
  std::string_view name;  // "GeoLite2-City"
  const std::string& path;
  const std::optional<std::string>& url;
};

// A download's body or why there is none; default-constructible, as use_future needs.
struct FetchedBody {
  std::string body;
  std::optional<std::string> failure;
};

boost::asio::awaitable<FetchedBody> fetch(std::string url, utils::HttpRequestOptions options) {
  FetchedBody fetched;
  auto response = co_await utils::http_get(std::move(url), std::move(options));
  if (!response) {
    fetched.failure = response.error().reason;
  } else if (response->status != 200) {
    fetched.failure = "HTTP status " + std::to_string(response->status);
  } else {
    fetched.body = std::move(response.value().body);
  }
  co_return fetched;
}

// Downloads `url` into `path` (through a temporary file, so a failed download never
// replaces a good file). Returns the failure reason, or nullopt on success.
std::optional<std::string> download(const std::string& url, const fs::path& path, std::int64_t max_size) {
  utils::HttpRequestOptions options;
  options.max_body_size = static_cast<std::size_t>(max_size);
  options.total_timeout = kDownloadTimeout;
  boost::asio::io_context io;
  auto pending = boost::asio::co_spawn(io, fetch(url, options), boost::asio::use_future);
  io.run();
  const FetchedBody fetched = pending.get();
  if (fetched.failure) return fetched.failure;
  std::error_code error;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), error);
  const fs::path partial = fs::path(path.string() + ".download");
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    out.write(fetched.body.data(), static_cast<std::streamsize>(fetched.body.size()));
    if (!out) return "cannot write " + partial.string();
  }
  fs::rename(partial, path, error);
  if (error) return "cannot replace " + path.string() + ": " + error.message();
  return std::nullopt;
}

std::optional<utils::MmdbReader> refresh_and_open(const DatabaseSource& source, const core::GeoConfig& config,
                                                  const core::Logger& logger) {
  const fs::path path(source.path);
  if (source.url && needs_download(path, config.max_age_days)) {
    logger.info("downloading GeoLite2 database", {{"database", source.name}, {"url", *source.url}});
    if (const auto failure = download(*source.url, path, config.max_download_size)) {
      logger.warning("GeoLite2 download failed", {{"database", source.name}, {"reason", *failure}});
    }
  }
  std::error_code error;
  if (!fs::exists(path, error)) {
    logger.warning("GeoLite2 database missing: its check reports the database not given",
                   {{"database", source.name}, {"path", source.path}});
    return std::nullopt;
  }
  auto reader = utils::MmdbReader::open(source.path);
  if (!reader) {
    logger.warning("GeoLite2 database unreadable", {{"database", source.name}, {"reason", reader.reason()}});
    return std::nullopt;
  }
  return std::move(reader).value();
}

}  // namespace

std::optional<double> file_age_seconds(const fs::path& path, fs::file_time_type now) {
  std::error_code error;
  const auto modified = fs::last_write_time(path, error);
  if (error) return std::nullopt;
  return std::chrono::duration<double>(now - modified).count();
}

bool needs_download(const fs::path& path, std::optional<std::int64_t> max_age_days, fs::file_time_type now) {
  std::error_code error;
  const auto modified = fs::last_write_time(path, error);
  if (error) return true;
  return max_age_days && now - modified > std::chrono::hours(24 * *max_age_days);
}

GeoDatabases open_geo_databases(const core::GeoConfig& config, bool need_city, bool need_asn,
                                const core::Logger& logger) {
  GeoDatabases databases;
  if (need_city) {
    const DatabaseSource city{"GeoLite2-City", config.city_database_path, config.city_download_url};
    databases.city = refresh_and_open(city, config, logger);
    if (databases.city) databases.city_age_seconds = file_age_seconds(config.city_database_path);
  }
  if (need_asn) {
    const DatabaseSource asn{"GeoLite2-ASN", config.asn_database_path, config.asn_download_url};
    databases.asn = refresh_and_open(asn, config, logger);
    if (databases.asn) databases.asn_age_seconds = file_age_seconds(config.asn_database_path);
  }
  return databases;
}

}  // namespace bigbrotr::services::monitor
