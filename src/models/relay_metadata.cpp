#include "models/relay_metadata.hpp"

#include <utility>

namespace bigbrotr::models {

Result<RelayMetadata> RelayMetadata::create(Relay relay, Metadata metadata, std::int64_t generated_at) {
  if (generated_at < 0) return fail("generated_at is negative");
  return RelayMetadata(std::move(relay), std::move(metadata), generated_at);
}

RelayMetadata::RelayMetadata(Relay relay, Metadata metadata, std::int64_t generated_at)
    : relay_(std::move(relay)), metadata_(std::move(metadata)), generated_at_(generated_at) {}

}  // namespace bigbrotr::models
