#pragma once

#include <boost/json/value.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "models/result.hpp"
#include "nips/nip11/nip11_document.hpp"

// Lenient parsing of a NIP-11 document (nips.md §3): the body must be a JSON object;
// inside it, unknown keys are ignored and values of the wrong JSON type are dropped.
namespace bigbrotr::nips {

// A parsed document and what was dropped from it.
struct Nip11Parse {
  Nip11Document document;
  // Paths of the values dropped for their type, in document order, e.g.
  // "supported_nips[2]", "limitation.max_limit", "retention[0].kinds[1]",
  // "fees.admission[0].unit". Unknown keys are not listed: they are legitimate
  // extensions, not mistakes.
  std::vector<std::string> dropped_fields;
};

// JSON nesting deeper than this fails the parse (Python's json module stops near 1000
// levels with a RecursionError; the parser here is iterative, so only memory bounds it).
inline constexpr std::size_t kNip11MaxJsonDepth = 1000;

// Parses body as JSON and reads every NIP-11 field from it. Types: a boolean never counts
// as an integer, nor does a number written with a fraction or exponent (1.0, 1e3);
// integers outside the signed 64-bit range are dropped. Fails with "invalid JSON: <why>"
// or "Expected dict, got <list|str|int|float|bool|NoneType>" (Python's type names, as
// the original reports them). Never throws; cost linear in the body.
models::Result<Nip11Parse> parse_nip11(std::string_view body);

// Same, from an already parsed value.
models::Result<Nip11Parse> parse_nip11_value(const boost::json::value& value);

// Python's name for a JSON value's type: dict, list, str, int, float, bool, NoneType.
std::string_view python_type_name(const boost::json::value& value) noexcept;

}  // namespace bigbrotr::nips
