#include "core/config/validator_config.hpp"

namespace bigbrotr::core {

void read_config(ConfigReader& reader, ValidatorConfig& out, const LoadOptions& options) {
  read_base_service(reader, out.base, options);
  read_networks(reader, out.networks);
  reader.section("processing", [&](ConfigReader& processing) {
    processing.read_int("chunk_size", out.processing.chunk_size, between(10, 1000));
    processing.read_int("max_candidates", out.processing.max_candidates, at_least(1));
    processing.read_real("interval", out.processing.interval, between(0, 604800));
    processing.read_bool("allow_insecure", out.processing.allow_insecure);
  });
  reader.section("cleanup", [&](ConfigReader& cleanup) {
    cleanup.read_bool("enabled", out.cleanup.enabled);
    cleanup.read_int("max_failures", out.cleanup.max_failures, at_least(1));
  });
}

}  // namespace bigbrotr::core
