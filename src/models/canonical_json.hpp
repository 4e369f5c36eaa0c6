#pragma once

#include <boost/json/value.hpp>
#include <string>

#include "models/result.hpp"

// The canonical JSON form that content-addresses metadata (database.md §9). It must
// match the original byte for byte, so identical measurements share one row whichever
// implementation stored them.
namespace bigbrotr::models {

// Recursively cleans a document: NaN/Inf and anything deeper than 50 levels become null;
// object members and array items whose cleaned value is null, {} or [] are dropped
// (empty strings, 0 and false are kept). Fails when a string or key contains NUL.
Result<boost::json::value> sanitize_json(const boost::json::value& document);

// Serialises a sanitised document: object keys sorted by code point, no whitespace,
// non-ASCII written raw, control characters escaped (short forms where JSON has them,
// else \u00xx), floats in Python's shortest round-trip form (1.0, 52.52, 1e-05, 1e+16).
std::string to_canonical_json(const boost::json::value& document);

// Python's repr() of a finite double, as the original's serialiser writes floats.
std::string python_float_repr(double value);

}  // namespace bigbrotr::models
