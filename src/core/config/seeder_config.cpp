#include "core/config/seeder_config.hpp"

namespace bigbrotr::core {

void read_config(ConfigReader& reader, SeederConfig& out, const LoadOptions& options) {
  read_base_service(reader, out.base, options);
  reader.section("seed", [&](ConfigReader& seed) {
    seed.read_string("file_path", out.seed_file_path);
    if (out.seed_file_path.empty()) throw seed.error("file_path", "must not be empty");
    seed.read_bool("to_validate", out.seed_to_validate);
  });
}

}  // namespace bigbrotr::core
