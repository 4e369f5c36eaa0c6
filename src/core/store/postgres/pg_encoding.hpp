#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace bigbrotr::core::store::postgres {

// Builds the text form of a PostgreSQL array ({"a","b",NULL}) for a $n::<type>[]
// parameter: the "parallel arrays" the stored functions take. Every element is quoted,
// so any text (commas, braces, quotes, backslashes, non-ASCII) survives unchanged.
class ArrayLiteral {
 public:
  void add(std::string_view element);
  void add(std::int64_t element);
  void add_null();
  // A bytea element (written in hex form).
  void add_bytes(std::span<const std::uint8_t> bytes);
  // The literal; the builder is empty afterwards.
  std::string take();

 private:
  void separate();
  std::string text_ = "{";
};

// Appends text to a COPY row (text format): backslash, newline, carriage return and tab
// escaped; the caller guarantees there is no NUL (models reject it).
void append_copy_text(std::string& row, std::string_view text);
// Appends a bytea value to a COPY row, in hex form.
void append_copy_bytes(std::string& row, std::span<const std::uint8_t> bytes);

}  // namespace bigbrotr::core::store::postgres
