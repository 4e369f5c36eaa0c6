// A configuration file's text, as load_deployment reads brotr.yaml and services/*.yaml:
// parse_yaml_text, then the typed, strict walk of one config (the first input byte picks
// which). The contract is that bad input only ever throws ConfigError; any other
// exception escapes and libFuzzer reports it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/config/config_document.hpp"
#include "core/config/config_error.hpp"
#include "core/config/environment.hpp"
#include "core/config/finder_config.hpp"
#include "core/config/monitor_config.hpp"
#include "core/config/refresher_config.hpp"
#include "core/config/seeder_config.hpp"
#include "core/config/storage_config.hpp"
#include "core/config/synchronizer_config.hpp"
#include "core/config/validator_config.hpp"
#include "core/config/yaml_source.hpp"

namespace {

namespace core = bigbrotr::core;

core::LoadOptions fuzz_options() {
  core::LoadOptions options;
  // A fixed environment: ${VAR} and *_env lookups resolve the same way on every run.
  options.env = core::fixed_environment({
      {"NOSTR_PRIVATE_KEY", "0000000000000000000000000000000000000000000000000000000000000001"},
      {"DB_PASSWORD", "secret"},
      {"HOME", "/home/bigbrotr"},
  });
  options.now = 1700000000;
  return options;
}

void parse_one(std::uint8_t which, const YAML::Node& root, const core::LoadOptions& options) {
  const std::string file = "fuzz.yaml";
  switch (which % 7) {
    case 0:
      (void)core::parse_config_document<core::StorageConfig>(root, file, options);
      break;
    case 1:
      (void)core::parse_config_document<core::SeederConfig>(root, file, options);
      break;
    case 2:
      (void)core::parse_config_document<core::FinderConfig>(root, file, options);
      break;
    case 3:
      (void)core::parse_config_document<core::ValidatorConfig>(root, file, options);
      break;
    case 4:
      (void)core::parse_config_document<core::MonitorConfig>(root, file, options);
      break;
    case 5:
      (void)core::parse_config_document<core::SynchronizerConfig>(root, file, options);
      break;
    default:
      (void)core::parse_config_document<core::RefresherConfig>(root, file, options);
      break;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const core::LoadOptions options = fuzz_options();
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  try {
    parse_one(data[0], core::parse_yaml_text(text, "fuzz.yaml"), options);
  } catch (const core::ConfigError&) {
  }
  return 0;
}
