#include "core/catalog/catalog_query.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include "models/text_excerpt.hpp"

namespace bigbrotr::core::catalog {
namespace {

CatalogError error(std::string reason) { return CatalogError{std::move(reason)}; }

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_real(std::string_view text) {
  double value = 0;
  const auto [end, failure] = std::from_chars(text.data(), text.data() + text.size(), value);
  return failure == std::errc{} && end == text.data() + text.size() && !text.empty() && std::isfinite(value);
}

bool is_hex_bytes(std::string_view text) {
  return text.size() % 2 == 0 && std::ranges::all_of(text, [](char c) { return hex_digit(c) >= 0; });
}

// Whether `value` can be compared with a column of `kind`; the reason when not.
std::optional<std::string> value_problem(const CatalogColumn& column, std::string_view value) {
  switch (column.kind) {
    case ColumnKind::integer:
      if (!whole_number(value)) return "expected an integer";
      break;
    case ColumnKind::real:
      if (!is_real(value)) return "expected a number";
      break;
    case ColumnKind::boolean:
      if (value != "true" && value != "false") return "expected true or false";
      break;
    case ColumnKind::bytes:
      if (!is_hex_bytes(value)) return "expected hex bytes";
      break;
    case ColumnKind::text:
    case ColumnKind::json:
      break;
  }
  return std::nullopt;
}

std::optional<FilterOp> parse_op(std::string_view name) {
  if (name == "eq" || name == "=") return FilterOp::eq;
  if (name == "gt" || name == ">") return FilterOp::gt;
  if (name == "lt" || name == "<") return FilterOp::lt;
  if (name == "ge" || name == ">=") return FilterOp::ge;
  if (name == "le" || name == "<=") return FilterOp::le;
  if (name == "prefix") return FilterOp::prefix;
  if (name == "contains") return FilterOp::contains;
  return std::nullopt;
}

// `op:value` when the text before the first ':' names an operator; else eq on the whole
// text (so a relay URL "wss://x" is a value, not an operator).
std::pair<FilterOp, std::string_view> split_op(std::string_view text) {
  const auto colon = text.find(':');
  if (colon != std::string_view::npos) {
    if (const auto op = parse_op(text.substr(0, colon))) return {*op, text.substr(colon + 1)};
  }
  return {FilterOp::eq, text};
}

models::Result<std::size_t, CatalogError> bounded(std::string_view key, std::string_view text, std::size_t min,
                                                  std::size_t max) {
  const auto value = whole_number(text);
  if (!value || *value < static_cast<std::int64_t>(min) || static_cast<std::uint64_t>(*value) > max) {
    return error(fmt::format("{} must be an integer between {} and {}, got {}", key, min, max,
                             models::quoted_excerpt(text)));
  }
  return static_cast<std::size_t>(*value);
}

}  // namespace

const CatalogColumn* CatalogTable::column(std::string_view column_name) const {
  const auto found = std::ranges::find(columns, column_name, &CatalogColumn::name);
  return found == columns.end() ? nullptr : &*found;
}

std::optional<std::int64_t> whole_number(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, failure] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (failure != std::errc{} || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

std::string percent_encode(std::string_view text) {
  constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) != 0 || c == '-' || c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4U];
      out += kHex[byte & 15U];
    }
  }
  return out;
}

std::optional<std::string> percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      const int high = hex_digit(text[i + 1]);
      const int low = hex_digit(text[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      const char decoded = static_cast<char>(high * 16 + low);
      if (decoded == '\0') return std::nullopt;
      out += decoded;
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

models::Result<CatalogQuery, CatalogError> parse_catalog_query(const CatalogTable& table,
                                                                std::string_view query_string,
                                                                const PageLimits& limits) {
  CatalogQuery query;
  query.limit = limits.default_page_size;
  bool seen_limit = false, seen_offset = false;
  while (!query_string.empty()) {
    const auto amp = query_string.find('&');
    const std::string_view pair = query_string.substr(0, amp);
    query_string = amp == std::string_view::npos ? std::string_view{} : query_string.substr(amp + 1);
    if (pair.empty()) continue;
    const auto equals = pair.find('=');
    const auto key = percent_decode(pair.substr(0, equals));
    const auto value = percent_decode(equals == std::string_view::npos ? std::string_view{} : pair.substr(equals + 1));
    if (!key || !value) return error("bad percent-encoding in " + models::quoted_excerpt(pair));
    if (key->empty()) return error("empty parameter name in " + models::quoted_excerpt(pair));
    if (*key == "limit" || *key == "offset") {
      bool& seen = *key == "limit" ? seen_limit : seen_offset;
      if (seen) return error(*key + " given twice");
      seen = true;
      auto parsed = *key == "limit" ? bounded("limit", *value, 1, limits.max_page_size)
                                    : bounded("offset", *value, 0, limits.max_offset);
      if (!parsed) return parsed.error();
      (*key == "limit" ? query.limit : query.offset) = *parsed;
      continue;
    }
    if (*key == "sort") {
      if (query.sort) return error("sort given twice");
      const auto colon = value->rfind(':');
      CatalogSort sort{*value, false};
      if (colon != std::string::npos) {
        const std::string direction = value->substr(colon + 1);
        if (direction != "asc" && direction != "desc")
          return error("sort direction must be asc or desc, got " + models::quoted_excerpt(direction));
        sort = CatalogSort{value->substr(0, colon), direction == "desc"};
      }
      if (table.column(sort.column) == nullptr)
        return error("unknown sort column " + models::quoted_excerpt(sort.column));
      query.sort = std::move(sort);
      continue;
    }
    const CatalogColumn* column = table.column(*key);
    if (column == nullptr) return error("unknown column " + models::quoted_excerpt(*key));
    if (query.filters.size() == limits.max_filters)
      return error(fmt::format("at most {} filters", limits.max_filters));
    const auto [op, operand] = split_op(*value);
    const bool matches_text = op == FilterOp::prefix || op == FilterOp::contains;
    if (matches_text && column->kind != ColumnKind::text)
      return error("prefix and contains match only text columns, not " + models::quoted_excerpt(column->name));
    if (!matches_text) {
      if (auto problem = value_problem(*column, operand))
        return error(fmt::format("bad value for {}: {}, got {}", column->name, *problem,
                                 models::quoted_excerpt(operand)));
    }
    query.filters.push_back(CatalogFilter{column->name, op, std::string(operand)});
  }
  return query;
}

models::Result<CatalogQuery, CatalogError> key_query(const CatalogTable& table, std::string_view key_path) {
  if (table.primary_key.empty()) return error("table " + table.name + " has no primary key");
  std::vector<std::string_view> segments;
  if (table.primary_key.size() == 1) {
    segments.push_back(key_path);
  } else {
    while (true) {
      const auto slash = key_path.find('/');
      segments.push_back(key_path.substr(0, slash));
      if (slash == std::string_view::npos) break;
      key_path.remove_prefix(slash + 1);
    }
  }
  if (segments.size() != table.primary_key.size())
    return error(fmt::format("expected {} key values, got {}", table.primary_key.size(), segments.size()));
  CatalogQuery query;
  query.limit = 1;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const auto value = percent_decode(segments[i]);
    if (!value) return error("bad percent-encoding in " + models::quoted_excerpt(segments[i]));
    const CatalogColumn* column = table.column(table.primary_key[i]);
    if (column == nullptr) return error("key column missing: " + table.primary_key[i]);
    if (auto problem = value_problem(*column, *value))
      return error(fmt::format("bad value for {}: {}, got {}", column->name, *problem, models::quoted_excerpt(*value)));
    query.filters.push_back(CatalogFilter{column->name, FilterOp::eq, *value});
  }
  return query;
}

}  // namespace bigbrotr::core::catalog
