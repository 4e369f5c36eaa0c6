#pragma once

#include <boost/json/object.hpp>

#include "core/catalog/catalog_query.hpp"
#include "core/catalog/catalog_sql.hpp"

// The observatory's relay directory (docs/api.md): one row per relay with its latest
// status and uptime (relay_uptime), NIP-11 summary and country (relay_metadata_latest),
// as a catalog table whose source is a subquery, so /relays reuses the catalog's checked
// filters, bound parameters and stable paging.
namespace bigbrotr::services::api {

// The directory for `dialect`. Relays never checked have status "unchecked". The list
// columns supported_nips and requirements are ",1,11," style text so a filter can match
// ",11,"; claims is the comma-separated text of relay_status.
core::catalog::CatalogTable relay_directory(core::catalog::SqlDialect dialect);

// A directory row as the API shows it: the list columns as JSON arrays (NIPs as numbers),
// streak_alive as a boolean.
void present_directory_row(boost::json::object& row);

}  // namespace bigbrotr::services::api
