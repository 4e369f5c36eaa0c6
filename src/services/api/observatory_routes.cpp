#include "services/api/observatory_routes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <map>

#include "core/catalog/catalog_sql.hpp"
#include "models/enums.hpp"
#include "models/text_excerpt.hpp"
#include "services/api/api_json.hpp"
#include "services/api/relay_directory.hpp"

namespace bigbrotr::services::api {
namespace {

namespace json = boost::json;
using core::catalog::CatalogError;
using core::catalog::CatalogFilter;
using core::catalog::CatalogQuery;
using core::catalog::ColumnKind;
using core::catalog::FilterOp;
using core::catalog::SqlParameter;

constexpr std::array kSortable = {"uptime_24h",   "uptime_7d",  "uptime_30d", "rtt_open_p50",
                                  "rtt_read_p50", "last_up_at", "checked_at", "relay_url"};
constexpr std::array kStatuses = {"up", "restricted", "down", "unchecked"};
constexpr std::array kRequirements = {"auth", "payment", "pow", "writes"};
constexpr std::size_t kMaxValueLength = 256;
constexpr std::size_t kMaxHistoryPoints = 10000;
constexpr std::int64_t kDefaultHistorySeconds = 30LL * 24 * 3600;
constexpr std::size_t kTopEntries = 20;

CatalogError error(std::string reason) { return CatalogError{std::move(reason)}; }

template <std::size_t N>
bool one_of(const std::array<const char*, N>& allowed, std::string_view value) {
  return std::ranges::find(allowed, value) != allowed.end();
}

// Splits a query string into decoded pairs; fails on bad encoding or a repeated key.
models::Result<std::map<std::string, std::string>, CatalogError> decoded_pairs(std::string_view query,
                                                                                std::size_t max_pairs) {
  std::map<std::string, std::string> pairs;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (pair.empty()) continue;
    const auto equals = pair.find('=');
    const auto key = core::catalog::percent_decode(pair.substr(0, equals));
    const auto value =
        core::catalog::percent_decode(equals == std::string_view::npos ? std::string_view{} : pair.substr(equals + 1));
    if (!key || !value) return error("bad percent-encoding in " + models::quoted_excerpt(pair));
    if (pairs.size() == max_pairs) return error(fmt::format("at most {} parameters", max_pairs));
    if (!pairs.emplace(*key, *value).second) return error(models::quoted_excerpt(*key) + " given twice");
  }
  return pairs;
}

// The directory query of a /relays request: the catalog's paging and sort, and the
// observatory's named filters.
models::Result<CatalogQuery, CatalogError> relays_query(const core::catalog::CatalogTable& directory,
                                                        std::string_view query_string,
                                                        const core::catalog::PageLimits& limits) {
  auto pairs = decoded_pairs(query_string, 16);
  if (!pairs) return pairs.error();
  std::string paging;
  for (const char* key : {"limit", "offset", "sort"}) {
    const auto found = pairs->find(key);
    if (found == pairs->end()) continue;
    if (key == std::string_view("sort") && !one_of(kSortable, found->second.substr(0, found->second.rfind(':'))))
      return error("sort must be one of uptime_24h, uptime_7d, uptime_30d, rtt_open_p50, rtt_read_p50, "
                   "last_up_at, checked_at, relay_url (then :asc or :desc), got " +
                   models::quoted_excerpt(found->second));
    paging += fmt::format("{}{}={}", paging.empty() ? "" : "&", key, found->second);
    pairs->erase(found);
  }
  // The values went through percent_decode once; what remains of '%' and '&' in a sort or
  // number would not pass the checks below, so the paging text is re-read as is.
  auto query = core::catalog::parse_catalog_query(directory, paging, limits);
  if (!query) return query.error();
  if (!query->sort) query->sort = core::catalog::CatalogSort{"uptime_30d", true};
  for (const auto& [key, value] : *pairs) {
    if (value.size() > kMaxValueLength)
      return error(fmt::format("{} is longer than {} bytes", key, kMaxValueLength));
    if (key == "q") {
      query->filters.push_back(CatalogFilter{"relay_url", FilterOp::contains, value});
    } else if (key == "status") {
      if (!one_of(kStatuses, value))
        return error("status must be up, restricted, down or unchecked, got " + models::quoted_excerpt(value));
      query->filters.push_back(CatalogFilter{"status", FilterOp::eq, value});
    } else if (key == "network") {
      if (!models::parse_network_type(value))
        return error("network must be clearnet, tor, i2p, loki or local, got " + models::quoted_excerpt(value));
      query->filters.push_back(CatalogFilter{"network", FilterOp::eq, value});
    } else if (key == "software" || key == "country") {
      query->filters.push_back(CatalogFilter{key, FilterOp::eq, value});
    } else if (key == "nip") {
      const auto nip = core::catalog::whole_number(value);
      if (!nip || *nip < 0 || *nip > 99999)
        return error("nip must be a NIP number, got " + models::quoted_excerpt(value));
      query->filters.push_back(CatalogFilter{"supported_nips", FilterOp::contains, fmt::format(",{},", *nip)});
    } else if (key == "requirement") {
      if (!one_of(kRequirements, value))
        return error("requirement must be auth, payment, pow or writes, got " + models::quoted_excerpt(value));
      query->filters.push_back(CatalogFilter{"requirements", FilterOp::contains, "," + value + ","});
    } else {
      return error("unknown parameter " + models::quoted_excerpt(key) +
                   " (expected limit, offset, sort, q, status, network, software, nip, country, requirement)");
    }
  }
  return query;
}

// The document of a stored check without its envelope: {"data": {...}, ...} → {...}.
json::value check_document(const json::value* stored) {
  if (stored == nullptr) return nullptr;
  if (const auto* object = stored->if_object()) {
    if (const auto* inner = object->if_contains("data")) return *inner;
  }
  return *stored;
}

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::int64_t integer_of(const json::value* value) {
  if (value == nullptr) return 0;
  if (value->is_int64()) return value->as_int64();
  if (value->is_uint64()) return static_cast<std::int64_t>(value->as_uint64());
  if (value->is_double()) return static_cast<std::int64_t>(value->as_double());
  return 0;
}

SqlParameter text_parameter(std::string text) { return SqlParameter{ColumnKind::text, std::move(text)}; }
SqlParameter integer_parameter(std::int64_t value) { return SqlParameter{ColumnKind::integer, std::to_string(value)}; }

}  // namespace

ObservatoryRoutes::ObservatoryRoutes(core::catalog::PageLimits limits, core::catalog::CatalogReader& reader,
                                     const core::Logger& logger)
    : limits_(limits), reader_(reader), logger_(logger), directory_(relay_directory()) {}

std::string ObservatoryRoutes::slot(std::size_t number) const {
  if (reader_.dialect() == core::catalog::SqlDialect::sqlite) return fmt::format("?{}", number);
  return fmt::format("${}", number);
}

std::optional<core::HttpResponse> ObservatoryRoutes::answer(std::string_view path, std::string_view query) const {
  if (path == "stats") return stats();
  if (path == "relays") return relays(query);
  if (!path.starts_with("relays/")) return std::nullopt;
  path.remove_prefix(std::string_view("relays/").size());
  // The URL is one percent-encoded segment, so what follows a '/' is the sub-route.
  const auto slash = path.find('/');
  const std::string_view rest = slash == std::string_view::npos ? std::string_view{} : path.substr(slash + 1);
  const auto url = core::catalog::percent_decode(path.substr(0, slash));
  if (!url || url->empty()) return json_error(400, "the relay URL must be percent-encoded in one path segment");
  if (slash == std::string_view::npos) return relay(*url);
  if (rest == "history") return history(*url, query);
  return json_error(404, "not found");
}

core::HttpResponse ObservatoryRoutes::relays(std::string_view query_string) const {
  auto query = relays_query(directory_, query_string, limits_);
  if (!query) return json_error(400, query.error().reason);
  return guarded_query(logger_, "relays", [&] {
    const auto sql = core::catalog::build_catalog_sql(directory_, *query, reader_.dialect());
    core::catalog::CatalogPage page = reader_.page(sql, query->limit, query->offset);
    for (auto& row : page.rows) present_directory_row(row.as_object());
    return json_response(200, json::object{{"data", std::move(page.rows)},
                                           {"meta", json::object{{"total", page.total},
                                                                 {"limit", query->limit},
                                                                 {"offset", query->offset}}}});
  });
}

core::HttpResponse ObservatoryRoutes::relay(const std::string& url) const {
  return guarded_query(logger_, "relay", [&] {
    CatalogQuery query;
    query.filters.push_back(CatalogFilter{"relay_url", FilterOp::eq, url});
    query.limit = 1;
    core::catalog::CatalogPage page =
        reader_.page(core::catalog::build_catalog_sql(directory_, query, reader_.dialect()), 1, 0);
    if (page.rows.empty()) return json_error(404, "relay not found");
    json::object relay = std::move(page.rows.front().as_object());
    present_directory_row(relay);
    // The newest check of each type, read from the history itself: the latest-metadata
    // view is only as fresh as its last refresh.
    const std::string latest = fmt::format(
        "SELECT rm.generated_at AS generated_at, m.data AS data FROM relay_metadata rm "
        "JOIN metadata m ON m.id = rm.metadata_id AND m.type = rm.metadata_type "
        "WHERE rm.relay_id = (SELECT id FROM relay WHERE url = {}) AND rm.metadata_type = {} "
        "ORDER BY rm.generated_at DESC LIMIT 1",
        reader_.dialect() == core::catalog::SqlDialect::postgresql ? slot(1) + "::text" : slot(1),
        reader_.dialect() == core::catalog::SqlDialect::postgresql ? slot(2) + "::text" : slot(2));
    json::object checks;
    for (const models::MetadataType type : models::all_metadata_types()) {
      const std::string name(models::to_string(type));
      json::array rows = reader_.rows(latest, {text_parameter(url), text_parameter(name)});
      if (rows.empty()) continue;
      const json::object& row = rows.front().as_object();
      checks[name] = json::object{{"generated_at", integer_of(row.if_contains("generated_at"))},
                                  {"data", check_document(row.if_contains("data"))}};
    }
    return json_response(200, json::object{{"data", json::object{{"relay", std::move(relay)},
                                                                 {"checks", std::move(checks)}}}});
  });
}

core::HttpResponse ObservatoryRoutes::history(const std::string& url, std::string_view query_string) const {
  auto pairs = decoded_pairs(query_string, 8);
  if (!pairs) return json_error(400, pairs.error().reason);
  std::string type = "status";
  std::int64_t until = now_seconds();
  std::optional<std::int64_t> since;
  for (const auto& [key, value] : *pairs) {
    if (key == "type") {
      if (value != "status" && !models::parse_metadata_type(value))
        return json_error(400, "type must be status or a check type (nip11_info, nip66_rtt, ...), got " +
                                   models::quoted_excerpt(value));
      type = value;
    } else if (key == "since" || key == "until") {
      const auto seconds = core::catalog::whole_number(value);
      if (!seconds || *seconds < 0) return json_error(400, key + " must be unix seconds, got " + models::quoted_excerpt(value));
      if (key == "since") {
        since = *seconds;
      } else {
        until = *seconds;
      }
    } else {
      return json_error(400, "unknown parameter " + models::quoted_excerpt(key) + " (expected type, since, until)");
    }
  }
  const std::int64_t from = since.value_or(until - kDefaultHistorySeconds);
  if (from > until) return json_error(400, "since must not be after until");
  const bool postgres = reader_.dialect() == core::catalog::SqlDialect::postgresql;
  const auto typed = [&](std::size_t number, const char* cast) { return postgres ? slot(number) + cast : slot(number); };
  return guarded_query(logger_, "history", [&] {
    const json::array known = reader_.rows(fmt::format("SELECT id FROM relay WHERE url = {}", typed(1, "::text")),
                                           {text_parameter(url)});
    if (known.empty()) return json_error(404, "relay not found");
    const std::int64_t relay_id = integer_of(known.front().as_object().if_contains("id"));
    std::string sql;
    std::vector<SqlParameter> parameters{integer_parameter(relay_id), integer_parameter(from), integer_parameter(until)};
    if (type == "status") {
      sql = fmt::format(
          "SELECT checked_at, status, reason, rtt_open, rtt_read, rtt_write FROM relay_status "
          "WHERE relay_id = {} AND checked_at >= {} AND checked_at <= {} ORDER BY checked_at LIMIT {}",
          typed(1, "::bigint"), typed(2, "::bigint"), typed(3, "::bigint"), kMaxHistoryPoints);
    } else {
      sql = fmt::format(
          "SELECT rm.generated_at AS generated_at, m.data AS data FROM relay_metadata rm "
          "JOIN metadata m ON m.id = rm.metadata_id AND m.type = rm.metadata_type "
          "WHERE rm.relay_id = {} AND rm.metadata_type = {} AND rm.generated_at >= {} AND rm.generated_at <= {} "
          "ORDER BY rm.generated_at LIMIT {}",
          typed(1, "::bigint"), typed(4, "::text"), typed(2, "::bigint"), typed(3, "::bigint"), kMaxHistoryPoints);
      parameters.push_back(text_parameter(type));
    }
    json::array points = reader_.rows(sql, parameters);
    if (type != "status") {
      for (auto& point : points) {
        json::object& object = point.as_object();
        object["data"] = check_document(object.if_contains("data"));
      }
    }
    const std::size_t count = points.size();
    return json_response(200, json::object{{"data", std::move(points)},
                                           {"meta", json::object{{"type", type},
                                                                 {"since", from},
                                                                 {"until", until},
                                                                 {"count", count},
                                                                 {"truncated", count == kMaxHistoryPoints}}}});
  });
}

core::HttpResponse ObservatoryRoutes::stats() const {
  return guarded_query(logger_, "stats", [&] {
    json::object totals{{"total", 0}, {"up", 0}, {"restricted", 0}, {"down", 0}, {"unchecked", 0}};
    std::map<std::string, json::object> networks;
    const json::array by_status = reader_.rows(
        "SELECT status, network, count(*) AS relays FROM relay_directory GROUP BY status, network",
        {});
    for (const auto& value : by_status) {
      const json::object& row = value.as_object();
      const std::string status(row.at("status").as_string());
      const std::string network(row.at("network").as_string());
      const std::int64_t relays = integer_of(row.if_contains("relays"));
      totals["total"] = totals["total"].as_int64() + relays;
      if (totals.contains(status)) totals[status] = totals[status].as_int64() + relays;
      auto [entry, added] = networks.try_emplace(
          network, json::object{{"network", network}, {"up", 0}, {"restricted", 0}, {"down", 0}, {"unchecked", 0}});
      if (entry->second.contains(status)) entry->second[status] = entry->second[status].as_int64() + relays;
    }
    json::array by_network;
    for (auto& [name, entry] : networks) by_network.emplace_back(std::move(entry));
    const auto top = [&](const char* column) {
      return reader_.rows(fmt::format("SELECT {0}, count(*) AS relays FROM {1} WHERE {0} IS NOT NULL "
                                      "GROUP BY {0} ORDER BY relays DESC, {0} LIMIT {2}",
                                      column, directory_.source, kTopEntries),
                          {});
    };
    json::array by_nip = reader_.rows("SELECT nip, relay_count AS relays FROM supported_nip_counts ORDER BY nip", {});
    const json::array events = reader_.rows("SELECT event_count FROM event_stats", {});
    const std::int64_t archived = events.empty() ? 0 : integer_of(events.front().as_object().if_contains("event_count"));
    return json_response(200, json::object{{"data", json::object{{"relays", std::move(totals)},
                                                                 {"by_network", std::move(by_network)},
                                                                 {"by_software", top("software")},
                                                                 {"by_country", top("country")},
                                                                 {"by_nip", std::move(by_nip)},
                                                                 {"events_archived", archived},
                                                                 {"generated_at", now_seconds()}}}});
  });
}

}  // namespace bigbrotr::services::api
