#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The web page's files (web/), embedded at build time: the page works offline and
// behind a firewall, with nothing fetched from elsewhere (docs/web.md).
namespace bigbrotr::services::api {

struct WebAsset {
  std::string name;          // "app.js"
  std::string content_type;  // from the extension
  std::string_view body;     // the embedded text
};

// Every embedded file but index.html, by name.
std::vector<WebAsset> web_assets();

// index.html with the API prefix and the page title of this deployment filled in;
// nullopt when the build embedded no page.
std::optional<std::string> web_index(std::string_view route_prefix, std::string_view title);

}  // namespace bigbrotr::services::api
