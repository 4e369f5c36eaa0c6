#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace bigbrotr::core {

// "http://host:port/path" for a server bound on `host`, an IPv6 literal in brackets: the
// address a log line or a user's browser uses.
std::string http_url(std::string_view host, std::uint16_t port, std::string_view path);

}  // namespace bigbrotr::core
