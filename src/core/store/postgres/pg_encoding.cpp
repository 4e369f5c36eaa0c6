#include "core/store/postgres/pg_encoding.hpp"

#include <utility>

#include "models/hex.hpp"

namespace bigbrotr::core::store::postgres {

void ArrayLiteral::separate() {
  if (text_.size() > 1) text_ += ',';
}

void ArrayLiteral::add(std::string_view element) {
  separate();
  text_ += '"';
  for (const char c : element) {
    if (c == '"' || c == '\\') text_ += '\\';
    text_ += c;
  }
  text_ += '"';
}

void ArrayLiteral::add(std::int64_t element) {
  separate();
  text_ += std::to_string(element);
}

void ArrayLiteral::add_null() {
  separate();
  text_ += "NULL";
}

void ArrayLiteral::add_bytes(std::span<const std::uint8_t> bytes) {
  separate();
  // The element is the bytea input "\x…"; its backslash is escaped for the array parser.
  text_ += "\"\\\\x";
  models::append_hex(text_, bytes);
  text_ += '"';
}

std::string ArrayLiteral::take() {
  std::string literal = std::exchange(text_, "{");
  literal += '}';
  return literal;
}

void append_copy_text(std::string& row, std::string_view text) {
  for (const char c : text) {
    switch (c) {
      case '\\':
        row += "\\\\";
        break;
      case '\n':
        row += "\\n";
        break;
      case '\r':
        row += "\\r";
        break;
      case '\t':
        row += "\\t";
        break;
      default:
        row += c;
    }
  }
}

void append_copy_bytes(std::string& row, std::span<const std::uint8_t> bytes) {
  row += "\\\\x";
  models::append_hex(row, bytes);
}

}  // namespace bigbrotr::core::store::postgres
