#pragma once

#include <atomic>
#include <cstdint>
#include <memory>

#include "core/catalog/catalog_reader.hpp"
#include "core/config/api_config.hpp"
#include "core/config/storage_config.hpp"
#include "core/http/http_server.hpp"
#include "core/service/service.hpp"
#include "core/service/service_context.hpp"
#include "services/api/catalog_routes.hpp"
#include "services/api/observatory_routes.hpp"

// The read-only API (docs/api.md) on the hardened HTTP server. The first cycle opens the
// database read-only and starts serving on a thread of the server's own; every cycle then
// reports what was served. Nothing it serves can write: see open_catalog_reader.
namespace bigbrotr::services {

class Api final : public core::Service {
 public:
  // Keeps the configs; no I/O until run().
  Api(core::ApiConfig config, core::StorageConfig storage, core::ServiceContext context);
  ~Api() override;

  models::ServiceName name() const noexcept override { return models::ServiceName::api; }
  // The first call opens the database and binds host:port (throwing StoreError or
  // std::runtime_error when it cannot: the cycle fails and the next one tries again).
  // Every call adds the requests answered since the last one to requests_total and
  // requests_failed (4xx and 5xx) and sets tables_exposed.
  void run() override;

  // The bound port once serving (the chosen one when the config says 0), else 0.
  std::uint16_t port() const noexcept;

 private:
  void start();
  core::HttpResponse answer(const core::HttpRequest& request);

  core::ApiConfig config_;
  core::StorageConfig storage_;
  core::ServiceContext context_;
  core::Logger http_logger_;
  std::unique_ptr<core::catalog::CatalogReader> reader_;
  std::unique_ptr<api::CatalogRoutes> catalog_;
  std::unique_ptr<api::ObservatoryRoutes> observatory_;
  std::atomic<std::uint64_t> served_{0};
  std::atomic<std::uint64_t> failed_{0};
  std::uint64_t reported_served_ = 0;
  std::uint64_t reported_failed_ = 0;
  std::unique_ptr<core::HttpServer> server_;  // last: stops before what it reads goes
};

}  // namespace bigbrotr::services
