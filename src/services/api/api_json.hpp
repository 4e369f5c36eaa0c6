#pragma once

#include <boost/json/value.hpp>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/http/http_routes.hpp"
#include "core/logging/logger.hpp"

// The answers of the read-only API: JSON bodies, JSON errors that never carry SQL or
// database internals, and the CORS header for the origins the config allows.
namespace bigbrotr::services::api {

core::HttpResponse json_response(unsigned status, const boost::json::value& body);

// {"error": message} with `status`; `message` is ours, written for people.
core::HttpResponse json_error(unsigned status, std::string_view message);

// Adds Access-Control-Allow-Origin when `origin` is one of `allowed` (or `allowed` holds
// "*"), and Vary: Origin so caches keep answers to different origins apart.
void allow_origin(core::HttpResponse& response, std::string_view origin, const std::vector<std::string>& allowed);

// Runs `query`; a CatalogTimeout becomes 504 and any other exception a 500 whose body says
// nothing of the database (the message, which may hold SQL, is logged with `what`).
core::HttpResponse guarded_query(const core::Logger& logger, std::string_view what,
                                 const std::function<core::HttpResponse()>& query);

}  // namespace bigbrotr::services::api
