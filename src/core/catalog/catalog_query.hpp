#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/result.hpp"

// The catalog query of the read-only API and the DVM (docs/api.md): which rows of one
// exposed table a request asks for, parsed from a query string and checked against the
// table's columns before any SQL exists. Backends turn a CatalogQuery into one COUNT and
// one page query with every value bound as a parameter.
namespace bigbrotr::core::catalog {

// How a column's values are compared and bound.
enum class ColumnKind { integer, real, text, bytes, json, boolean };

struct CatalogColumn {
  std::string name;
  ColumnKind kind = ColumnKind::text;
  bool nullable = true;
};

struct CatalogTable {
  std::string name;
  bool is_view = false;
  std::vector<CatalogColumn> columns;
  std::vector<std::string> primary_key;
  // What FROM reads when it is not the relation `name` itself: a subquery written by our
  // own code, never by a client (the observatory's relay directory).
  std::string source{};

  const CatalogColumn* column(std::string_view column_name) const;
};

// `col=v` is eq; `col=op:v` with op one of eq, gt, lt, ge, le (also spelled =, >, <, >=,
// <=), prefix (case-insensitive starts-with) or contains (case-insensitive substring);
// the last two on text columns only.
enum class FilterOp { eq, gt, lt, ge, le, prefix, contains };

struct CatalogFilter {
  std::string column;
  FilterOp op = FilterOp::eq;
  // Percent-decoded and checked against the column's kind: an integer, a real, true or
  // false, an even number of hex digits (bytes), or any text.
  std::string value;
};

struct CatalogSort {
  std::string column;
  bool descending = false;
};

struct CatalogQuery {
  std::vector<CatalogFilter> filters;  // AND-ed, in request order
  std::optional<CatalogSort> sort;     // else the primary key's order
  std::size_t limit = 0;
  std::size_t offset = 0;
};

struct PageLimits {
  std::size_t default_page_size = 100;
  std::size_t max_page_size = 1000;
  std::size_t max_offset = 100000;
  std::size_t max_filters = 32;
};

// A request the API answers 400, with a message for people that never quotes more than
// an excerpt of what was sent.
struct CatalogError {
  std::string reason;
};

// Parses `query_string` (without '?'): limit (1..max_page_size), offset
// (0..max_offset), sort=col[:asc|desc], and every other key as a filter on a column of
// `table`. Fails on bad percent-encoding, an unknown column, a duplicated limit/offset/
// sort, a value of the wrong kind, more than max_filters filters, or an empty key.
models::Result<CatalogQuery, CatalogError> parse_catalog_query(const CatalogTable& table,
                                                                std::string_view query_string,
                                                                const PageLimits& limits);

// The query for one row by primary key: `key_path` is the rest of the URL path after the
// table ("wss%3A%2F%2Fa.example" or, for a composite key, "v1/v2"); each segment is
// percent-decoded and checked against its key column. A single-column key takes the whole
// path, '/' included. Fails for a table without a key, a wrong number of segments or a
// value of the wrong kind.
models::Result<CatalogQuery, CatalogError> key_query(const CatalogTable& table, std::string_view key_path);

// A decimal integer filling all of `text` (no sign but '-', no spaces); nullopt otherwise.
std::optional<std::int64_t> whole_number(std::string_view text);

// RFC 3986 percent-encoding of every byte but the unreserved ones (A-Z a-z 0-9 - . _ ~),
// so the result is one path segment or query value ("wss://a/b" → "wss%3A%2F%2Fa%2Fb").
std::string percent_encode(std::string_view text);

// RFC 3986 percent-decoding, with '+' as a space (form encoding); nullopt for a '%' not
// followed by two hex digits or a decoded NUL byte.
std::optional<std::string> percent_decode(std::string_view text);

}  // namespace bigbrotr::core::catalog
