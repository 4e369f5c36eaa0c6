#include "core/config/url_redaction.hpp"

#include <cctype>

#include "core/config/secret.hpp"

namespace bigbrotr::core {
namespace {

// Hides the password of "scheme://user:password@host…".
std::string redact_userinfo(std::string url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return url;
  const auto authority = scheme_end + 3;
  const auto authority_end = url.find_first_of("/?#", authority);
  const auto at = url.rfind('@', authority_end == std::string::npos ? std::string::npos : authority_end);
  if (at == std::string::npos || at < authority) return url;
  const auto colon = url.find(':', authority);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + std::string(Secret::kRedacted) + url.substr(at);
}

bool is_key_start(const std::string& text, std::size_t at) {
  if (at == 0) return true;
  const char before = text[at - 1];
  return before == '?' || before == '&' || std::isspace(static_cast<unsigned char>(before)) != 0;
}

// The end of a `password=` value: a quoted conninfo value ends at its closing quote,
// otherwise at '&' (URL query) or white space (conninfo).
std::size_t value_end(const std::string& text, std::size_t start) {
  if (start < text.size() && text[start] == '\'') {
    std::size_t i = start + 1;
    while (i < text.size() && text[i] != '\'') i += text[i] == '\\' ? 2 : 1;
    return i < text.size() ? i + 1 : text.size();
  }
  const auto end = text.find_first_of("& \t\r\n", start);
  return end == std::string::npos ? text.size() : end;
}

// Hides every "password=<value>" parameter.
std::string redact_password_parameters(std::string text) {
  constexpr std::string_view kKey = "password=";
  std::size_t from = 0;
  while ((from = text.find(kKey, from)) != std::string::npos) {
    const std::size_t start = from + kKey.size();
    if (!is_key_start(text, from)) {
      from = start;
      continue;
    }
    text.replace(start, value_end(text, start) - start, Secret::kRedacted);
    from = start + Secret::kRedacted.size();
  }
  return text;
}

}  // namespace

std::string redact_database_url(std::string_view url) {
  return redact_password_parameters(redact_userinfo(std::string(url)));
}

}  // namespace bigbrotr::core
