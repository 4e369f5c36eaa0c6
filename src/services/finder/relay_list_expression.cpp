#include "services/finder/relay_list_expression.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include <cctype>
#include <charconv>
#include <cstdint>

namespace bigbrotr::services::finder {

struct RelayListExpression::Step {
  enum class Kind { field, index, project_list, flatten, project_object, keys, values };
  Kind kind = Kind::field;
  std::string name;                                   // field
  std::int64_t index = 0;                             // index
  std::shared_ptr<const std::vector<Step>> argument;  // keys, values
};

namespace {

using Step = RelayListExpression::Step;
using Steps = std::vector<Step>;
namespace json = boost::json;

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  models::Result<Steps> parse_all() {
    Steps steps;
    if (!parse_expression(steps, 0)) return models::fail(error_);
    skip_spaces();
    if (position_ < text_.size())
      return models::fail(at("unexpected '" + std::string(1, text_[position_]) + "'"));
    return steps;
  }

 private:
  bool parse_expression(Steps& steps, int nesting) {
    if (nesting > RelayListExpression::kMaxNesting) return failed("functions nested too deeply");
    if (!parse_term(steps, nesting)) return false;
    while (true) {
      skip_spaces();
      if (position_ >= text_.size() || text_[position_] == ')') return true;
      if (text_[position_] == '[') {
        if (!parse_bracket(steps)) return false;
      } else if (text_[position_] == '.') {
        ++position_;
        skip_spaces();
        if (peek() == '*') {
          ++position_;
          steps.push_back(Step{Step::Kind::project_object, {}, 0, nullptr});
        } else if (!parse_field(steps)) {
          return false;
        }
      } else if (text_[position_] == '|') {
        return failed("pipes are not supported");
      } else {
        return failed("unexpected '" + std::string(1, text_[position_]) + "'");
      }
    }
  }

  bool parse_term(Steps& steps, int nesting) {
    skip_spaces();
    const char first = peek();
    if (first == '@') {
      ++position_;
      return true;
    }
    if (first == '[') return parse_bracket(steps);
    if (first == '*') {
      ++position_;
      steps.push_back(Step{Step::Kind::project_object, {}, 0, nullptr});
      return true;
    }
    if (first == '"') return parse_field(steps);
    const std::string name = identifier();
    if (name.empty())
      return failed(position_ < text_.size() ? "unexpected '" + std::string(1, first) + "'"
                                             : "expression expected");
    skip_spaces();
    if (peek() != '(') {
      steps.push_back(Step{Step::Kind::field, name, 0, nullptr});
      return true;
    }
    if (name != "keys" && name != "values") return failed("unsupported function '" + name + "'");
    ++position_;
    auto argument = std::make_shared<Steps>();
    if (!parse_expression(*argument, nesting + 1)) return false;
    if (peek() != ')') return failed("')' expected");
    ++position_;
    steps.push_back(Step{name == "keys" ? Step::Kind::keys : Step::Kind::values, {}, 0, std::move(argument)});
    return true;
  }

  bool parse_bracket(Steps& steps) {
    ++position_;  // '['
    skip_spaces();
    const char next = peek();
    if (next == ']') {
      ++position_;
      steps.push_back(Step{Step::Kind::flatten, {}, 0, nullptr});
      return true;
    }
    if (next == '*') {
      ++position_;
      if (!close_bracket()) return false;
      steps.push_back(Step{Step::Kind::project_list, {}, 0, nullptr});
      return true;
    }
    if (next == '?') return failed("filter expressions are not supported");
    const std::size_t start = position_;
    if (next == '-') ++position_;
    while (std::isdigit(static_cast<unsigned char>(peek())) != 0) ++position_;
    std::int64_t index = 0;
    const auto digits = text_.substr(start, position_ - start);
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), index);
    if (digits.empty() || error != std::errc() || end != digits.data() + digits.size()) {
      position_ = start;
      return failed("'*', ']' or an index expected");
    }
    skip_spaces();
    if (peek() == ':') return failed("slices are not supported");
    if (!close_bracket()) return false;
    steps.push_back(Step{Step::Kind::index, {}, index, nullptr});
    return true;
  }

  bool parse_field(Steps& steps) {
    if (peek() != '"') {
      const std::string name = identifier();
      if (name.empty()) return failed("field name expected");
      steps.push_back(Step{Step::Kind::field, name, 0, nullptr});
      return true;
    }
    std::size_t end = position_ + 1;
    while (end < text_.size() && text_[end] != '"') end += text_[end] == '\\' ? 2 : 1;
    if (end >= text_.size()) return failed("unterminated quoted field");
    boost::system::error_code error;
    const json::value name = json::parse(text_.substr(position_, end - position_ + 1), error);
    if (error || !name.is_string()) return failed("invalid quoted field");
    position_ = end + 1;
    steps.push_back(Step{Step::Kind::field, std::string(name.as_string()), 0, nullptr});
    return true;
  }

  bool close_bracket() {
    skip_spaces();
    if (peek() != ']') return failed("']' expected");
    ++position_;
    return true;
  }

  std::string identifier() {
    const std::size_t start = position_;
    const auto is_start = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_'; };
    const auto is_part = [&](char c) {
      return is_start(c) || std::isdigit(static_cast<unsigned char>(c)) != 0;
    };
    if (position_ >= text_.size() || !is_start(text_[position_])) return {};
    while (position_ < text_.size() && is_part(text_[position_])) ++position_;
    return std::string(text_.substr(start, position_ - start));
  }

  void skip_spaces() {
    while (position_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[position_])) != 0)
      ++position_;
  }
  char peek() const { return position_ < text_.size() ? text_[position_] : '\0'; }
  std::string at(const std::string& what) const {
    return "offset " + std::to_string(position_) + ": " + what;
  }
  bool failed(const std::string& what) {
    error_ = at(what);
    return false;
  }

  std::string_view text_;
  std::size_t position_ = 0;
  std::string error_;
};

json::value evaluate(const Steps& steps, const json::value& document);
json::value evaluate_range(const Steps& steps, std::size_t first, std::size_t last,
                           const json::value& current);

// Applies steps[first, last) to every element, keeping the non-null results (a projection).
json::value project(const Steps& steps, std::size_t first, std::size_t last, const json::array& elements) {
  json::array results;
  for (const json::value& element : elements) {
    json::value result = evaluate_range(steps, first, last, element);
    if (!result.is_null()) results.push_back(std::move(result));
  }
  return results;
}

json::array object_values(const json::object& object) {
  json::array values;
  for (const auto& member : object) values.push_back(member.value());
  return values;
}

// Evaluates a range without flatten steps. Walks by pointer: documents can be megabytes,
// and only results are copied; `owned` holds what a function computed.
json::value evaluate_range(const Steps& steps, std::size_t first, std::size_t last,
                           const json::value& current) {
  static const json::value kNull;
  const json::value* node = &current;
  json::value owned;
  for (std::size_t at = first; at < last; ++at) {
    const Step& step = steps[at];
    switch (step.kind) {
      case Step::Kind::field: {
        const auto* object = node->if_object();
        const auto* member = object != nullptr ? object->if_contains(step.name) : nullptr;
        node = member != nullptr ? member : &kNull;
        break;
      }
      case Step::Kind::index: {
        const auto* array = node->if_array();
        if (array == nullptr) return nullptr;
        const auto size = static_cast<std::int64_t>(array->size());
        const std::int64_t position = step.index < 0 ? size + step.index : step.index;
        if (position < 0 || position >= size) return nullptr;
        node = &(*array)[static_cast<std::size_t>(position)];
        break;
      }
      case Step::Kind::project_list: {
        const auto* array = node->if_array();
        return array != nullptr ? project(steps, at + 1, last, *array) : json::value();
      }
      case Step::Kind::project_object: {
        const auto* object = node->if_object();
        return object != nullptr ? project(steps, at + 1, last, object_values(*object)) : json::value();
      }
      case Step::Kind::keys:
      case Step::Kind::values: {
        const json::value argument = evaluate(*step.argument, *node);
        const auto* object = argument.if_object();
        if (object == nullptr) return nullptr;
        json::array result;
        if (step.kind == Step::Kind::values) {
          result = object_values(*object);
        } else {
          for (const auto& member : *object) result.emplace_back(member.key());
        }
        owned = std::move(result);
        node = &owned;
        break;
      }
      case Step::Kind::flatten:  // split off by evaluate()
        return nullptr;
    }
  }
  return *node;
}

// As in JMESPath, `[]` ends every projection to its left, flattens that result one level
// and projects what follows it over the flattened elements.
json::value evaluate(const Steps& steps, const json::value& document) {
  std::size_t first = 0;
  std::size_t last = first;
  while (last < steps.size() && steps[last].kind != Step::Kind::flatten) ++last;
  json::value value = evaluate_range(steps, first, last, document);
  while (last < steps.size()) {
    first = last + 1;
    last = first;
    while (last < steps.size() && steps[last].kind != Step::Kind::flatten) ++last;
    const auto* array = value.if_array();
    if (array == nullptr) return nullptr;
    json::array flat;
    for (const json::value& element : *array) {
      if (const auto* inner = element.if_array()) {
        flat.insert(flat.end(), inner->begin(), inner->end());
      } else {
        flat.push_back(element);
      }
    }
    value = project(steps, first, last, flat);
  }
  return value;
}

}  // namespace

models::Result<RelayListExpression> RelayListExpression::parse(std::string_view text) {
  if (text.size() > kMaxLength)
    return models::fail("expression longer than " + std::to_string(kMaxLength) + " characters");
  auto steps = Parser(text).parse_all();
  if (!steps) return steps.failure();
  return RelayListExpression(std::string(text), std::make_shared<const Steps>(std::move(steps).value()));
}

json::value RelayListExpression::evaluate(const json::value& document) const {
  return finder::evaluate(*steps_, document);
}

RelayListItems relay_list_items(const json::value& result) {
  RelayListItems items;
  const auto* array = result.if_array();
  if (array == nullptr) return items;
  items.was_list = true;
  for (const json::value& item : *array) {
    if (const auto* text = item.if_string()) {
      items.urls.emplace_back(*text);
    } else {
      ++items.non_strings;
    }
  }
  return items;
}

}  // namespace bigbrotr::services::finder
