#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "core/config/seeder_config.hpp"
#include "core/service/service.hpp"
#include "core/service/service_context.hpp"
#include "models/relay.hpp"

// The seeder (services.md §1): loads the seed file once and registers its relays as
// validator candidates, or inserts them as relays when `seed.to_validate` is false.
namespace bigbrotr::services {

// What reading a seed file produced: the distinct valid relays in file order, and the
// lines that were not relay URLs.
struct SeedFile {
  std::vector<models::Relay> relays;
  std::size_t lines = 0;
  std::size_t skipped = 0;     // blank lines and '#' comments
  std::size_t invalid = 0;     // lines that are not relay URLs (each logged with its reason)
  std::size_t duplicates = 0;  // valid lines naming a relay seen earlier in the file
  // How many invalid lines failed for each reason (the lines themselves are logged at debug).
  std::map<std::string, std::size_t> invalid_reasons;
};

// Reads `path` line by line: trims, skips blanks and comments, canonicalises the rest.
// An unreadable file yields a warning and an empty SeedFile, as in the original.
SeedFile read_seed_file(const std::string& path, const models::RelayParseOptions& parse_options,
                        const core::Logger& logger);

class Seeder final : public core::Service {
 public:
  Seeder(core::SeederConfig config, models::RelayParseOptions parse_options, core::ServiceContext context);

  models::ServiceName name() const noexcept override { return models::ServiceName::seeder; }
  void run() override;

 private:
  core::SeederConfig config_;
  models::RelayParseOptions parse_options_;
  core::ServiceContext context_;
};

}  // namespace bigbrotr::services
