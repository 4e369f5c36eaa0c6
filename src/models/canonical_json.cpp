#include "models/canonical_json.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <vector>

namespace bigbrotr::models {
namespace {

constexpr int kMaxDepth = 50;

bool contains_nul(boost::json::string_view text) {
  return text.find('\0') != boost::json::string_view::npos;
}

bool is_empty_container(const boost::json::value& value) {
  return value.is_null() || (value.is_object() && value.get_object().empty()) ||
         (value.is_array() && value.get_array().empty());
}

Result<boost::json::value> sanitize_at(const boost::json::value& value, int depth) {
  if (depth > kMaxDepth) return boost::json::value(nullptr);
  switch (value.kind()) {
    case boost::json::kind::double_:
      if (!std::isfinite(value.get_double())) return boost::json::value(nullptr);
      return value;
    case boost::json::kind::string:
      if (contains_nul(value.get_string())) return fail("string contains NUL");
      return value;
    case boost::json::kind::array: {
      boost::json::array out;
      for (const auto& item : value.get_array()) {
        auto cleaned = sanitize_at(item, depth + 1);
        if (!cleaned) return cleaned.failure();
        if (!is_empty_container(*cleaned)) out.push_back(std::move(cleaned).value());
      }
      return boost::json::value(std::move(out));
    }
    case boost::json::kind::object: {
      boost::json::object out;
      for (const auto& member : value.get_object()) {
        if (contains_nul(member.key())) return fail("object key contains NUL");
        auto cleaned = sanitize_at(member.value(), depth + 1);
        if (!cleaned) return cleaned.failure();
        if (!is_empty_container(*cleaned)) out.emplace(member.key(), std::move(cleaned).value());
      }
      return boost::json::value(std::move(out));
    }
    default:
      return value;
  }
}

void append_string(std::string& out, boost::json::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += "\\u00";
          out += kHex[(c >> 4) & 0xf];
          out += kHex[c & 0xf];
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

void append_value(std::string& out, const boost::json::value& value);

void append_object(std::string& out, const boost::json::object& object) {
  std::vector<const boost::json::key_value_pair*> members;
  members.reserve(object.size());
  for (const auto& member : object) members.push_back(&member);
  // UTF-8 byte order equals code point order, which is how the original sorts keys.
  std::sort(members.begin(), members.end(),
            [](const auto* a, const auto* b) { return a->key() < b->key(); });
  out += '{';
  for (std::size_t i = 0; i < members.size(); ++i) {
    if (i > 0) out += ',';
    append_string(out, members[i]->key());
    out += ':';
    append_value(out, members[i]->value());
  }
  out += '}';
}

void append_value(std::string& out, const boost::json::value& value) {
  switch (value.kind()) {
    case boost::json::kind::null: out += "null"; break;
    case boost::json::kind::bool_: out += value.get_bool() ? "true" : "false"; break;
    case boost::json::kind::int64: out += std::to_string(value.get_int64()); break;
    case boost::json::kind::uint64: out += std::to_string(value.get_uint64()); break;
    case boost::json::kind::double_: out += python_float_repr(value.get_double()); break;
    case boost::json::kind::string: append_string(out, value.get_string()); break;
    case boost::json::kind::array: {
      out += '[';
      bool first = true;
      for (const auto& item : value.get_array()) {
        if (!first) out += ',';
        first = false;
        append_value(out, item);
      }
      out += ']';
      break;
    }
    case boost::json::kind::object: append_object(out, value.get_object()); break;
  }
}

}  // namespace

Result<boost::json::value> sanitize_json(const boost::json::value& document) {
  return sanitize_at(document, 0);
}

std::string to_canonical_json(const boost::json::value& document) {
  std::string out;
  append_value(out, document);
  return out;
}

std::string python_float_repr(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  // Shortest round-trip digits, then laid out the way CPython's repr() does: fixed
  // notation while the decimal point falls within [-4, 16], scientific otherwise.
  char buffer[64];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
  const std::string_view text(buffer, static_cast<std::size_t>(end - buffer));
  const std::size_t e_pos = text.find('e');
  const bool negative = text.front() == '-';
  std::string digits;
  for (const char c : text.substr(negative ? 1 : 0, e_pos - (negative ? 1 : 0))) {
    if (c != '.') digits += c;
  }
  const int exponent = std::atoi(std::string(text.substr(e_pos + 1)).c_str());
  const int point = exponent + 1;  // value = 0.DIGITS x 10^point

  std::string out = negative ? "-" : "";
  if (point > -4 && point <= 16) {
    if (point <= 0) {
      out += "0." + std::string(static_cast<std::size_t>(-point), '0') + digits;
    } else if (static_cast<std::size_t>(point) >= digits.size()) {
      out += digits + std::string(static_cast<std::size_t>(point) - digits.size(), '0') + ".0";
    } else {
      out += digits.substr(0, static_cast<std::size_t>(point)) + "." + digits.substr(static_cast<std::size_t>(point));
    }
    return out;
  }
  out += digits.substr(0, 1);
  if (digits.size() > 1) out += "." + digits.substr(1);
  const int shown = point - 1;
  out += shown < 0 ? "e-" : "e+";
  const int magnitude = shown < 0 ? -shown : shown;
  if (magnitude < 10) out += '0';
  out += std::to_string(magnitude);
  return out;
}

}  // namespace bigbrotr::models
