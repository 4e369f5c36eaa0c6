#include "services/api/web_assets.hpp"

#include <utility>

namespace bigbrotr::services::api {

// Generated from web/ by cmake/embed_files.cmake.
const std::vector<std::pair<std::string_view, std::string_view>>& web_files();

namespace {

constexpr std::string_view kIndex = "index.html";
// What index.html carries for the server to fill in.
constexpr std::string_view kPrefixPlaceholder = R"(name="bigbrotr-api" content="/v1")";

std::string content_type_of(std::string_view name) {
  if (name.ends_with(".html")) return "text/html; charset=utf-8";
  if (name.ends_with(".js")) return "text/javascript; charset=utf-8";
  if (name.ends_with(".css")) return "text/css; charset=utf-8";
  if (name.ends_with(".svg")) return "image/svg+xml";
  if (name.ends_with(".json")) return "application/json";
  return "text/plain; charset=utf-8";
}

std::string escaped_html(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

void replace_first(std::string& text, std::string_view from, const std::string& to) {
  const auto at = text.find(from);
  if (at != std::string::npos) text.replace(at, from.size(), to);
}

// The text between the first <title> and </title> becomes `title`.
void set_title(std::string& page, std::string_view title) {
  constexpr std::string_view kOpen = "<title>";
  const auto open = page.find(kOpen);
  const auto close = page.find("</title>", open);
  if (open == std::string::npos || close == std::string::npos) return;
  page.replace(open + kOpen.size(), close - open - kOpen.size(), escaped_html(title));
}

}  // namespace

std::vector<WebAsset> web_assets() {
  std::vector<WebAsset> assets;
  for (const auto& [name, body] : web_files()) {
    if (name != kIndex) assets.push_back(WebAsset{std::string(name), content_type_of(name), body});
  }
  return assets;
}

std::optional<std::string> web_index(std::string_view route_prefix, std::string_view title) {
  for (const auto& [name, body] : web_files()) {
    if (name != kIndex) continue;
    std::string page(body);
    replace_first(page, kPrefixPlaceholder, R"(name="bigbrotr-api" content=")" + escaped_html(route_prefix) + '"');
    set_title(page, title);
    return page;
  }
  return std::nullopt;
}

}  // namespace bigbrotr::services::api
