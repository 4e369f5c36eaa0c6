#pragma once

#include <boost/json/value.hpp>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "models/result.hpp"

// The expression that selects relay URLs from an API source's JSON body
// (`api.sources[].expression`, services.md §2). The original evaluates JMESPath; this is
// the subset relay-list APIs need, with JMESPath's meaning for everything it accepts, so
// a configuration written for the original keeps working. Grammar (docs/finder-expressions.md):
//
//   expression := term step*
//   term       := '@'                      the current value
//               | field                    member of an object
//               | 'keys' '(' expression ')'     an object's member names
//               | 'values' '(' expression ')'   an object's member values
//               | bracket
//   step       := '.' field | '.' '*' | bracket
//   bracket    := '[' '*' ']'              list projection
//               | '[' ']'                  flatten (see below), then project
//               | '[' integer ']'          element (negative counts from the end)
//   field      := [A-Za-z_][A-Za-z0-9_]*  |  '"' JSON-escaped name '"'
//
// Semantics as in JMESPath: a field of a non-object, an index of a non-array, and a
// function of the wrong type give null; `[*]`, `[]` and `.*` start a projection: the rest
// of the expression is applied to every element and null results are dropped. `[]` first
// ends the projections to its left and merges the nested lists of their result one
// level, so `a[].b[]` is a flat list. Examples:
// `[*]`, `@`, `data.relays[*].url`, `keys(@)`, `relays[*].info.url`, `*.url`, `[0]`.
// Anything else (filters, slices, pipes, multi-selects, other functions) is a parse
// error naming the offset, so an unsupported expression fails at start-up, not later.
namespace bigbrotr::services::finder {

class RelayListExpression {
 public:
  // Longest expression accepted, and deepest nesting of keys()/values().
  static constexpr std::size_t kMaxLength = 1024;
  static constexpr int kMaxNesting = 8;

  // Compiles `text` or fails with "offset N: <what is wrong>".
  static models::Result<RelayListExpression> parse(std::string_view text);

  // The value the expression selects in `document` (null when nothing matches). Pure; the
  // work is linear in the size of the document and never recurses into it deeper than
  // the expression's own length.
  boost::json::value evaluate(const boost::json::value& document) const;

  const std::string& text() const noexcept { return text_; }

  // One parsed step; public so the evaluator's helpers can see it, opaque to callers.
  struct Step;

 private:
  RelayListExpression(std::string text, std::shared_ptr<const std::vector<Step>> steps)
      : text_(std::move(text)), steps_(std::move(steps)) {}

  std::string text_;
  std::shared_ptr<const std::vector<Step>> steps_;
};

// What an expression's result holds: the string items of a list (the candidate URLs) and
// how many items were not strings. A result that is not a list holds nothing.
struct RelayListItems {
  std::vector<std::string> urls;
  std::size_t non_strings = 0;
  bool was_list = false;
};

RelayListItems relay_list_items(const boost::json::value& result);

}  // namespace bigbrotr::services::finder
