#include "core/store/open_store.hpp"

#include <filesystem>
#include <system_error>

#include "core/store/postgres/postgres_store_factory.hpp"
#include "core/store/sqlite/sqlite_store.hpp"

namespace bigbrotr::core::store {
namespace {

std::unique_ptr<Store> open_sqlite(const std::string& path, const StorageConfig& config,
                                   const Logger& logger) {
  if (path != ":memory:") {
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    std::error_code error;
    if (!parent.empty()) std::filesystem::create_directories(parent, error);
    if (error) {
      throw StoreError("cannot create the folder of " + config.redacted_url() + ": " + error.message(),
                       false);
    }
  }
  auto store = std::make_unique<sqlite::SqliteStore>(path);
  logger.debug("store opened", {{"backend", "sqlite"}, {"url", config.redacted_url()}});
  return store;
}

}  // namespace

std::optional<std::string> sqlite_path(std::string_view url) {
  constexpr std::string_view kScheme = "sqlite:";
  if (!url.starts_with(kScheme)) return std::nullopt;
  return std::string(url.substr(kScheme.size()));
}

std::unique_ptr<Store> open_store(const StorageConfig& config, const Logger& logger,
                                  models::ServiceName service) {
  if (const auto path = sqlite_path(config.database.url)) {
    if (path->empty()) throw StoreError("sqlite: the URL names no file: " + config.redacted_url(), false);
    return open_sqlite(*path, config, logger);
  }
  return open_postgres_store(config, logger, service);
}

}  // namespace bigbrotr::core::store
