#include "services/finder/api_source_body.hpp"

#include <boost/json/parse.hpp>

#include <string>
#include <unordered_set>

namespace bigbrotr::services::finder {

models::Result<SourceRelays> relays_from_body(std::string_view body, const RelayListExpression& expression,
                                              const models::RelayParseOptions& parse_options,
                                              std::int64_t discovered_at) {
  boost::system::error_code error;
  // boost::json bounds the nesting depth (32 by default), so hostile nesting is a parse
  // error here rather than deep recursion later.
  const boost::json::value document = boost::json::parse(body, error);
  if (error) return models::fail("invalid json: " + error.message());
  const RelayListItems items = relay_list_items(expression.evaluate(document));
  SourceRelays result;
  result.was_list = items.was_list;
  result.items = items.urls.size();
  result.non_strings = items.non_strings;
  std::unordered_set<std::string> seen;
  for (const std::string& url : items.urls) {
    auto relay = models::Relay::parse(url, parse_options, discovered_at);
    if (!relay) {
      ++result.invalid_urls;
      continue;
    }
    if (seen.insert(relay->url()).second) result.relays.push_back(std::move(relay).value());
  }
  return result;
}

}  // namespace bigbrotr::services::finder
