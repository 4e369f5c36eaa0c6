#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>

#include "core/store/postgres/pg_encoding.hpp"
#include "models/enums.hpp"

// Small helpers shared by the PostgresStore source files.
namespace bigbrotr::core::store::postgres {

// A text[] literal of network names.
inline std::string network_array(std::span<const models::NetworkType> networks) {
  ArrayLiteral literal;
  for (const auto network : networks) literal.add(models::to_string(network));
  return literal.take();
}

// A text[] literal of strings.
inline std::string text_array(std::span<const std::string> values) {
  ArrayLiteral literal;
  for (const auto& value : values) literal.add(value);
  return literal.take();
}

// A LIMIT / batch-size parameter; sizes beyond the SQL integer range are clamped.
inline std::string size_param(std::size_t value,
                              std::int64_t max = std::numeric_limits<std::int64_t>::max()) {
  return std::to_string(std::min<std::uint64_t>(value, static_cast<std::uint64_t>(max)));
}

// A row count returned by SQL as a size (negative counts, which never occur, as 0).
inline std::size_t as_size(std::int64_t value) { return value < 0 ? 0 : static_cast<std::size_t>(value); }

// Calls write(batch) for consecutive slices of at most `size` rows; sums what it returns.
template <class T, class Write>
std::size_t for_each_batch(std::span<const T> rows, std::size_t size, Write&& write) {
  std::size_t total = 0;
  for (std::size_t offset = 0; offset < rows.size(); offset += size) {
    total += write(rows.subspan(offset, std::min(size, rows.size() - offset)));
  }
  return total;
}

}  // namespace bigbrotr::core::store::postgres
