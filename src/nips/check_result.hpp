#pragma once

#include <boost/json/object.hpp>

#include <optional>
#include <string>

#include "models/enums.hpp"
#include "models/metadata.hpp"
#include "models/result.hpp"

// The outcome of one NIP-11 or NIP-66 check (nips.md §4): measured `data` and `logs` that
// say whether the check worked. A check never throws for what the network does; it
// returns a CheckResult, and a failed one is stored too.
namespace bigbrotr::nips {

// One phase of the RTT probe: success, or failure with the reason.
struct PhaseLog {
  bool success = false;
  std::optional<std::string> reason;
};

// The RTT check's per-phase logs (nips.md §4): open is required; read and write are
// absent when the phase never ran.
struct RttLogs {
  PhaseLog open;
  std::optional<PhaseLog> read;
  std::optional<PhaseLog> write;
};

// A check's data and logs. Value type; build it with the named constructors.
struct CheckResult {
  boost::json::object data;
  // Standard shape {"success": bool, "reason"?: str}, or the RTT shape
  // {"open_success", "open_reason"?, "read_success"?, ...}.
  boost::json::object logs;

  // Success with data; logs {"success": true}.
  static CheckResult success(boost::json::object data);
  // Failure with a reason (must be non-empty) and whatever data was gathered.
  static CheckResult failure(const std::string& reason, boost::json::object data = {});
  // An RTT result with per-phase logs.
  static CheckResult rtt(boost::json::object data, const RttLogs& logs);

  // True when the logs say the check worked: `success`, or `open_success` for RTT.
  bool succeeded() const;
  // The logged reason of a failed standard check ("" when none).
  std::string reason() const;

  // {"data": data, "logs": logs}: the document stored as metadata and embedded in 30166.
  boost::json::object to_json() const;

  // Checks the logs rules (success true forbids a reason, false requires one; RTT: if
  // open failed, read and write cannot be true), then builds the content-addressed
  // metadata of to_json(). Fails with the broken rule, or when a string contains NUL.
  models::Result<models::Metadata> to_metadata(models::MetadataType type) const;
};

// Checks the success/reason rules of a logs object (either shape); nullopt when valid,
// else the broken rule.
std::optional<std::string> validate_logs(const boost::json::object& logs);

}  // namespace bigbrotr::nips
