#include "services/api/api.hpp"

#include <chrono>

#include "core/http/http_url.hpp"
#include "core/store/open_catalog_reader.hpp"
#include "services/api/api_json.hpp"
#include "services/api/web_assets.hpp"

namespace bigbrotr::services {
namespace {

std::vector<core::catalog::CatalogTable> enabled_tables(std::vector<core::catalog::CatalogTable> all,
                                                        const core::ApiConfig& config) {
  std::vector<core::catalog::CatalogTable> enabled;
  for (auto& table : all) {
    const auto entry = config.tables.find(table.name);
    if (entry != config.tables.end() && entry->second.enabled) enabled.push_back(std::move(table));
  }
  return enabled;
}

// The page's own files only: no script, style, font or connection elsewhere, which also
// keeps the page working offline and behind a firewall.
constexpr const char* kPagePolicy =
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'";

core::HttpResponse page_response(std::string content_type, std::string_view body) {
  return core::HttpResponse{.status = 200,
                            .content_type = std::move(content_type),
                            .body = std::string(body),
                            .headers = {{"Content-Security-Policy", kPagePolicy},
                                        {"X-Content-Type-Options", "nosniff"},
                                        {"Cache-Control", "no-cache"}}};
}

// The web page at / and its files beside it; none when the build embedded no page.
void add_page_routes(core::HttpRoutes& routes, const core::ApiConfig& config) {
  auto index = api::web_index(config.route_prefix, config.title);
  if (!index) return;
  routes.get("/", [page = std::move(*index)](const core::HttpRequest&) {
    return page_response("text/html; charset=utf-8", page);
  });
  for (api::WebAsset& asset : api::web_assets()) {
    routes.get("/" + asset.name, [type = std::move(asset.content_type), body = asset.body](const core::HttpRequest&) {
      return page_response(type, body);
    });
  }
}

core::catalog::PageLimits page_limits(const core::ApiConfig& config) {
  core::catalog::PageLimits limits;
  limits.default_page_size = static_cast<std::size_t>(config.default_page_size);
  limits.max_page_size = static_cast<std::size_t>(config.max_page_size);
  return limits;
}

}  // namespace

Api::Api(core::ApiConfig config, core::StorageConfig storage, core::ServiceContext context)
    : config_(std::move(config)),
      storage_(std::move(storage)),
      context_(context),
      http_logger_(context_.logger.for_service("api-http")) {}

Api::~Api() = default;

std::uint16_t Api::port() const noexcept { return server_ ? server_->port() : 0; }

void Api::run() {
  if (!server_) start();
  const std::uint64_t served = served_.load();
  const std::uint64_t failed = failed_.load();
  context_.metrics.increment_counter("requests_total", static_cast<double>(served - reported_served_));
  context_.metrics.increment_counter("requests_failed", static_cast<double>(failed - reported_failed_));
  reported_served_ = served;
  reported_failed_ = failed;
  context_.metrics.set_gauge("tables_exposed", static_cast<double>(catalog_->exposed_count()));
}

void Api::start() {
  const auto timeout = std::chrono::milliseconds(static_cast<std::int64_t>(config_.request_timeout * 1000));
  reader_ = core::store::open_catalog_reader(storage_, context_.logger, timeout);
  catalog_ = std::make_unique<api::CatalogRoutes>(enabled_tables(reader_->tables(), config_), page_limits(config_),
                                                  *reader_, http_logger_);
  observatory_ = std::make_unique<api::ObservatoryRoutes>(page_limits(config_), *reader_, http_logger_);
  for (const auto& [name, table] : config_.tables) {
    if (table.enabled && !catalog_->has_table(name))
      context_.logger.warning("enabled table not in the database", {{"table", name}});
  }
  core::HttpRoutes routes;
  routes.get("/health", [](const core::HttpRequest&) {
    return api::json_response(200, boost::json::object{{"status", "ok"}});
  });
  routes.get_prefix(config_.route_prefix + "/", [this](const core::HttpRequest& request) { return answer(request); });
  add_page_routes(routes, config_);
  server_ = std::make_unique<core::HttpServer>(config_.host, static_cast<std::uint16_t>(config_.port),
                                               std::move(routes), core::HttpLimits{}, http_logger_);
  context_.logger.info("serving the api", {{"url", core::http_url(config_.host, server_->port(), config_.route_prefix)},
                                           {"tables", catalog_->exposed_count()}});
  if (api::web_index(config_.route_prefix, config_.title)) {
    context_.logger.info("serving the web page", {{"url", core::http_url(config_.host, server_->port(), "/")}});
  }
}

core::HttpResponse Api::answer(const core::HttpRequest& request) {
  ++served_;
  const std::string_view path = request.path.substr(config_.route_prefix.size() + 1);
  std::optional<core::HttpResponse> response = observatory_->answer(path, request.query);
  if (!response) response = catalog_->answer(path, request.query);
  if (!response) response = api::json_error(404, "not found");
  if (response->status >= 400) ++failed_;
  api::allow_origin(*response, request.origin, config_.cors_origins);
  return std::move(*response);
}

}  // namespace bigbrotr::services
