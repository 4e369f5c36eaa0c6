#pragma once

#include <string>

#include "core/config/config_reader.hpp"
#include "core/config/load_options.hpp"
#include "core/config/service_config.hpp"

namespace bigbrotr::core {

// services/seeder.yaml (services.md §1).
struct SeederConfig {
  BaseServiceConfig base;
  // `seed.file_path`: one relay URL per line; relative paths are relative to the
  // working directory. Non-empty.
  std::string seed_file_path = "data/seed_relays.txt";
  // `seed.to_validate`: true → register as validator candidates; false → insert relays.
  bool seed_to_validate = true;
};

// Reads a seeder file's document into `out` (which holds the defaults).
void read_config(ConfigReader& reader, SeederConfig& out, const LoadOptions& options);

}  // namespace bigbrotr::core
