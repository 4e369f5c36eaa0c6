#include "core/config/api_config.hpp"

#include "models/text_excerpt.hpp"

namespace bigbrotr::core {
namespace {

// "v1", "/v1/", "//v1" → "/v1"; "" and "/" → "".
std::string normalised_prefix(std::string prefix) {
  while (prefix.starts_with('/')) prefix.erase(0, 1);
  while (prefix.ends_with('/')) prefix.pop_back();
  return prefix.empty() ? std::string() : "/" + prefix;
}

bool is_identifier(const std::string& name) {
  if (name.empty() || !((name.front() >= 'a' && name.front() <= 'z') || name.front() == '_')) return false;
  return name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == std::string::npos;
}

// "*" or an origin as browsers send it: scheme://host[:port], nothing after.
bool is_origin(const std::string& origin) {
  if (origin == "*") return true;
  const auto scheme_end = origin.find("://");
  if (scheme_end == std::string::npos) return false;
  const std::string scheme = origin.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https") return false;
  const std::string authority = origin.substr(scheme_end + 3);
  return !authority.empty() && authority.find_first_of("/?# ") == std::string::npos;
}

}  // namespace

void read_config(ConfigReader& reader, ApiConfig& out, const LoadOptions& options) {
  read_base_service(reader, out.base, options);
  reader.read_string("title", out.title);
  reader.read_string("host", out.host);
  if (out.host.empty()) throw reader.error("host", "must not be empty");
  reader.read_int("port", out.port, between(1, 65535));
  if (out.base.metrics.enabled && out.port == out.base.metrics.port)
    throw reader.error("port", "must differ from metrics.port");
  reader.read_string("route_prefix", out.route_prefix);
  out.route_prefix = normalised_prefix(out.route_prefix);
  if (out.route_prefix.find_first_of("?#% ") != std::string::npos)
    throw reader.error("route_prefix", "must be a plain path, got " + models::quoted_excerpt(out.route_prefix));
  reader.read_int("max_page_size", out.max_page_size, between(1, 10000));
  reader.read_int("default_page_size", out.default_page_size, between(1, 10000));
  if (out.default_page_size > out.max_page_size)
    throw reader.error("default_page_size", "must be at most max_page_size");
  reader.read_real("request_timeout", out.request_timeout, between(1, 300));
  reader.read_strings("cors_origins", out.cors_origins);
  for (std::size_t i = 0; i < out.cors_origins.size(); ++i) {
    if (!is_origin(out.cors_origins[i])) {
      throw reader.error("cors_origins[" + std::to_string(i) + "]",
                         "must be \"*\" or scheme://host[:port], got " + models::quoted_excerpt(out.cors_origins[i]));
    }
  }
  reader.section("tables", [&](ConfigReader& tables) {
    for (const std::string& name : tables.keys()) {
      if (!is_identifier(name))
        throw tables.error(name, "table names match [a-z_][a-z0-9_]*, got " + models::quoted_excerpt(name));
      ExposedTable table;
      tables.section(name, [&](ConfigReader& entry) {
        entry.read_bool("enabled", table.enabled);
        entry.read_int("price", table.price, at_least(0));
      });
      out.tables[name] = table;
    }
  });
}

}  // namespace bigbrotr::core
