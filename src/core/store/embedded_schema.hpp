#pragma once

#include <string_view>
#include <utility>
#include <vector>

// The schema scripts of each backend, embedded in the binary at build time from
// sql/<backend>/NN_<topic>.sql by cmake/embed_files.cmake. Each entry is (file name, file
// text), in file-name order, which is the order the scripts must run in. The lists are
// built once, never change and are safe to read from any thread; an empty folder gives an
// empty list.
namespace bigbrotr::core::store {

const std::vector<std::pair<std::string_view, std::string_view>>& sqlite_schema_files();
const std::vector<std::pair<std::string_view, std::string_view>>& postgres_schema_files();

}  // namespace bigbrotr::core::store
