#include "core/http/http_url.hpp"

namespace bigbrotr::core {

std::string http_url(std::string_view host, std::uint16_t port, std::string_view path) {
  const bool ipv6 = host.find(':') != std::string_view::npos && !host.starts_with('[');
  std::string url = "http://";
  url += ipv6 ? "[" + std::string(host) + "]" : std::string(host);
  url += ":" + std::to_string(port);
  url += path;
  return url;
}

}  // namespace bigbrotr::core
