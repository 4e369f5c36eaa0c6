#include "core/config/metadata_flags.hpp"

namespace bigbrotr::core {

void read_metadata_flags(ConfigReader& reader, std::string_view key, MetadataFlags& out) {
  reader.section(key, [&](ConfigReader& flags) {
    for (const models::MetadataType type : models::all_metadata_types()) {
      flags.read_bool(models::to_string(type), out[type]);
    }
  });
}

}  // namespace bigbrotr::core
