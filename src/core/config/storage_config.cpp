#include "core/config/storage_config.hpp"

#include <algorithm>
#include <utility>

#include "core/config/config_error.hpp"
#include "core/config/url_redaction.hpp"
#include "models/text_excerpt.hpp"

namespace bigbrotr::core {
namespace {

bool starts_with(std::string_view text, std::string_view prefix) { return text.rfind(prefix, 0) == 0; }

bool is_database_url(std::string_view url) {
  if (starts_with(url, "sqlite:")) return url.size() > 7;
  if (starts_with(url, "postgresql://") || starts_with(url, "postgres://")) return true;
  // A libpq conninfo string is a list of keyword=value pairs.
  return url.find('=') != std::string_view::npos && url.find("://") == std::string_view::npos;
}

constexpr std::string_view kUrlRule =
    "must be sqlite:<path>, a postgresql:// URL or a libpq conninfo string (host=… dbname=…)";

// Reads `password_env` of `reader` and the password it names, when that is set.
void read_password(ConfigReader& reader, std::optional<std::string>& name, std::optional<Secret>& password,
                   const LoadOptions& options) {
  reader.read_string("password_env", name);
  if (!name) return;
  if (name->empty()) throw reader.error("password_env", "must name an environment variable");
  const std::optional<std::string> value = options.env(*name);
  if (value && !value->empty()) password = Secret(*value);
}

// The password named by `variable` at `key`, which must have been set.
std::optional<std::string> required_password(const StorageConfig& config, const std::string& key,
                                             const std::optional<std::string>& variable,
                                             const std::optional<Secret>& password) {
  if (!variable) return std::nullopt;
  if (!password) {
    throw ConfigError(config.source_file, key,
                      "environment variable " + models::excerpt(*variable) + " is not set");
  }
  return password->reveal();
}

bool is_role_name(std::string_view name) {
  return !name.empty() && name.size() <= 63 && std::ranges::all_of(name, [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

void read_roles(ConfigReader& reader, std::map<models::ServiceName, DatabaseRole>& out,
                const LoadOptions& options) {
  for (const std::string& key : reader.keys()) {
    const std::optional<models::ServiceName> service = models::parse_service_name(key);
    if (!service) throw reader.error(key, "is not a service name (seeder, finder, validator, monitor, ...)");
    DatabaseRole role;
    reader.section(key, [&](ConfigReader& entry) {
      entry.read_string("user", role.user);
      if (!is_role_name(role.user))
        throw entry.error("user", "must be a role name of [a-z0-9_], 1..63 characters");
      read_password(entry, role.password_env, role.password, options);
    });
    out[*service] = std::move(role);
  }
}

void read_database(ConfigReader& reader, DatabaseConfig& out, const LoadOptions& options) {
  reader.read_string("url", out.url);
  if (!is_database_url(out.url)) throw reader.error("url", std::string(kUrlRule));
  reader.read_enum("flavour", out.flavour, parse_database_flavour, "bigbrotr, lilbrotr");
  read_password(reader, out.password_env, out.password, options);
  reader.section("roles", [&](ConfigReader& roles) { read_roles(roles, out.roles, options); });
}

void read_pool(ConfigReader& reader, PoolConfig& out) {
  reader.read_int("min_size", out.min_size, between(1, 100));
  reader.read_int("max_size", out.max_size, between(1, 200));
  if (out.max_size < out.min_size) {
    throw reader.error("max_size", "must be at least pool.min_size (" + std::to_string(out.min_size) +
                                       "), got " + std::to_string(out.max_size));
  }
  reader.read_int("max_queries", out.max_queries, at_least(100));
  reader.read_real("max_inactive_connection_lifetime", out.max_inactive_connection_lifetime, at_least(0));
  reader.read_real("acquisition_timeout", out.acquisition_timeout, at_least(0.1));
  reader.section("retry", [&](ConfigReader& retry) {
    retry.read_int("max_attempts", out.retry.max_attempts, between(1, 10));
    retry.read_real("initial_delay", out.retry.initial_delay, at_least(0.1));
    retry.read_real("max_delay", out.retry.max_delay, at_least(0.1));
    if (out.retry.max_delay < out.retry.initial_delay) {
      throw retry.error("max_delay", "must be at least pool.retry.initial_delay");
    }
    retry.read_bool("exponential_backoff", out.retry.exponential_backoff);
  });
  reader.section("server_settings", [&](ConfigReader& settings) {
    settings.read_string("application_name", out.server_settings.application_name);
    settings.read_string("timezone", out.server_settings.timezone);
    if (out.server_settings.timezone.empty()) throw settings.error("timezone", "must not be empty");
    settings.read_int("statement_timeout_ms", out.server_settings.statement_timeout_ms, at_least(0));
  });
}

void read_timeouts(ConfigReader& reader, StorageTimeouts& out) {
  reader.read_real("query", out.query, between(0.1, 3600));
  reader.read_real("batch", out.batch, between(0.1, 3600));
  reader.read_real("cleanup", out.cleanup, between(0.1, 3600));
  reader.read_real("refresh", out.refresh, at_least(0.1));
}

}  // namespace

std::string_view to_string(DatabaseFlavour flavour) noexcept {
  return flavour == DatabaseFlavour::lilbrotr ? "lilbrotr" : "bigbrotr";
}

std::optional<DatabaseFlavour> parse_database_flavour(std::string_view text) noexcept {
  if (text == "bigbrotr") return DatabaseFlavour::bigbrotr;
  if (text == "lilbrotr") return DatabaseFlavour::lilbrotr;
  return std::nullopt;
}

std::string StorageConfig::application_name(models::ServiceName service) const {
  if (pool.server_settings.application_name) return *pool.server_settings.application_name;
  return std::string(models::to_string(service));
}

DatabaseLogin database_login(const StorageConfig& config, std::optional<models::ServiceName> service) {
  const auto role = service ? config.database.roles.find(*service) : config.database.roles.end();
  if (role == config.database.roles.end()) {
    return DatabaseLogin{std::nullopt,
                         required_password(config, "database.password_env", config.database.password_env,
                                           config.database.password)};
  }
  // Another login: the URL's password is not its password.
  const std::string key = "database.roles." + std::string(models::to_string(*service)) + ".password_env";
  return DatabaseLogin{role->second.user,
                       required_password(config, key, role->second.password_env, role->second.password)};
}

std::string StorageConfig::redacted_url() const { return redact_database_url(database.url); }

bool StorageConfig::is_sqlite() const noexcept { return starts_with(database.url, "sqlite:"); }

void read_config(ConfigReader& reader, StorageConfig& out, const LoadOptions& options) {
  out.source_file = reader.file();
  reader.section("database", [&](ConfigReader& database) { read_database(database, out.database, options); });
  reader.section("pool", [&](ConfigReader& pool) { read_pool(pool, out.pool); });
  reader.section("batch", [&](ConfigReader& batch) {
    batch.read_int("max_size", out.batch_max_size, between(1, 100000));
  });
  reader.section("timeouts", [&](ConfigReader& timeouts) { read_timeouts(timeouts, out.timeouts); });
}

void apply_database_override(StorageConfig& config, std::string url, const std::string& origin) {
  if (!is_database_url(url)) throw ConfigError(origin, "database.url", std::string(kUrlRule));
  config.database.url = std::move(url);
}

void apply_database_overrides(StorageConfig& config, const std::optional<std::string>& cli_db,
                              const EnvLookup& env) {
  if (cli_db && !cli_db->empty()) {
    apply_database_override(config, *cli_db, "--db");
    return;
  }
  const std::optional<std::string> from_env = env("BIGBROTR_DB");
  if (from_env && !from_env->empty()) apply_database_override(config, *from_env, "BIGBROTR_DB");
}

}  // namespace bigbrotr::core
