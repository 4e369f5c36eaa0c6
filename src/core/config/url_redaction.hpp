#pragma once

#include <string>
#include <string_view>

namespace bigbrotr::core {

// `url` with every password replaced by "***": the password of URL user-info
// ("postgresql://user:pw@host"), a `password=` query parameter, or a libpq conninfo
// `password=` value (quoted or not). Everything else is kept, so the result still says
// which server and database are meant.
std::string redact_database_url(std::string_view url);

}  // namespace bigbrotr::core
