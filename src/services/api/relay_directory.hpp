#pragma once

#include <boost/json/object.hpp>

#include "core/catalog/catalog_query.hpp"
#include "core/catalog/catalog_sql.hpp"

// The observatory's relay directory (docs/api.md): the relay_directory view the refresher
// keeps (one row per relay: latest status and uptime, NIP-11 summary, country) as a
// catalog table, so /relays reuses the catalog's checked filters, bound parameters and
// stable paging.
namespace bigbrotr::services::api {

// The directory, the same on both backends. Relays never checked have status
// "unchecked". The list columns supported_nips and requirements are ",1,11," style text so
// a filter can match ",11,"; claims is the comma-separated text of relay_status.
core::catalog::CatalogTable relay_directory();

// A directory row as the API shows it: the list columns as JSON arrays (NIPs as numbers),
// streak_alive as a boolean.
void present_directory_row(boost::json::object& row);

}  // namespace bigbrotr::services::api
