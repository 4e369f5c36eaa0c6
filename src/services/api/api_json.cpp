#include "services/api/api_json.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>

#include "core/catalog/catalog_reader.hpp"

namespace bigbrotr::services::api {

core::HttpResponse json_response(unsigned status, const boost::json::value& body) {
  return core::HttpResponse{.status = status, .content_type = "application/json", .body = boost::json::serialize(body)};
}

core::HttpResponse json_error(unsigned status, std::string_view message) {
  return json_response(status, boost::json::object{{"error", message}});
}

void allow_origin(core::HttpResponse& response, std::string_view origin, const std::vector<std::string>& allowed) {
  if (allowed.empty()) return;
  response.headers.emplace_back("Vary", "Origin");
  if (origin.empty()) return;
  if (std::ranges::find(allowed, "*") != allowed.end()) {
    response.headers.emplace_back("Access-Control-Allow-Origin", "*");
  } else if (std::ranges::find(allowed, origin) != allowed.end()) {
    response.headers.emplace_back("Access-Control-Allow-Origin", std::string(origin));
  }
}

core::HttpResponse guarded_query(const core::Logger& logger, std::string_view what,
                                 const std::function<core::HttpResponse()>& query) {
  try {
    return query();
  } catch (const core::catalog::CatalogTimeout&) {
    logger.warning("api query timed out", {{"query", what}});
    return json_error(504, "query timeout");
  } catch (const std::exception& error) {
    logger.warning("api query failed", {{"query", what}, {"error", error.what()}});
    return json_error(500, "internal error");
  }
}

}  // namespace bigbrotr::services::api
