#pragma once

#include <cstdint>

#include "models/metadata.hpp"
#include "models/relay.hpp"
#include "models/result.hpp"

namespace bigbrotr::models {

// One point of a relay's check time series: `metadata` was measured on `relay` by the check
// run that started at `generated_at` (Unix seconds). At most one document per relay, type
// and second is kept.
class RelayMetadata {
 public:
  // Fails when generated_at < 0.
  static Result<RelayMetadata> create(Relay relay, Metadata metadata, std::int64_t generated_at);

  const Relay& relay() const noexcept { return relay_; }
  const Metadata& metadata() const noexcept { return metadata_; }
  std::int64_t generated_at() const noexcept { return generated_at_; }

 private:
  RelayMetadata(Relay relay, Metadata metadata, std::int64_t generated_at);

  Relay relay_;
  Metadata metadata_;
  std::int64_t generated_at_;
};

}  // namespace bigbrotr::models
