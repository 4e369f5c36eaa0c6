#include "nips/check_result.hpp"

#include <utility>

namespace bigbrotr::nips {
namespace {

void put_phase(boost::json::object& logs, const std::string& prefix, const PhaseLog& phase) {
  logs[prefix + "_success"] = phase.success;
  if (phase.reason) logs[prefix + "_reason"] = *phase.reason;
}

// One success/reason pair: success true forbids a reason, false requires a non-empty one.
std::optional<std::string> check_pair(const boost::json::object& logs, const std::string& success_key,
                                      const std::string& reason_key, bool required) {
  const auto* success = logs.if_contains(success_key);
  if (success == nullptr) {
    if (required) return success_key + " is required";
    if (logs.contains(reason_key)) return reason_key + " without " + success_key;
    return std::nullopt;
  }
  if (!success->is_bool()) return success_key + " must be a boolean";
  const auto* reason = logs.if_contains(reason_key);
  const bool has_reason = reason != nullptr && !reason->is_null();
  if (has_reason && !reason->is_string()) return reason_key + " must be a string";
  if (success->get_bool() && has_reason) return success_key + " true forbids " + reason_key;
  if (!success->get_bool() && (!has_reason || reason->get_string().empty()))
    return success_key + " false requires " + reason_key;
  return std::nullopt;
}

bool is_true(const boost::json::object& logs, const char* key) {
  const auto* value = logs.if_contains(key);
  return value != nullptr && value->is_bool() && value->get_bool();
}

}  // namespace

CheckResult CheckResult::success(boost::json::object data) {
  CheckResult result;
  result.data = std::move(data);
  result.logs["success"] = true;
  return result;
}

CheckResult CheckResult::failure(const std::string& reason, boost::json::object data) {
  CheckResult result;
  result.data = std::move(data);
  result.logs["success"] = false;
  result.logs["reason"] = reason;
  return result;
}

CheckResult CheckResult::rtt(boost::json::object data, const RttLogs& logs) {
  CheckResult result;
  result.data = std::move(data);
  put_phase(result.logs, "open", logs.open);
  if (logs.read) put_phase(result.logs, "read", *logs.read);
  if (logs.write) put_phase(result.logs, "write", *logs.write);
  return result;
}

bool CheckResult::succeeded() const {
  if (logs.contains("open_success")) return is_true(logs, "open_success");
  return is_true(logs, "success");
}

std::string CheckResult::reason() const {
  const auto* reason = logs.if_contains("reason");
  if (reason == nullptr || !reason->is_string()) return {};
  return std::string(reason->get_string());
}

boost::json::object CheckResult::to_json() const {
  boost::json::object document;
  document["data"] = data;
  document["logs"] = logs;
  return document;
}

models::Result<models::Metadata> CheckResult::to_metadata(models::MetadataType type) const {
  if (auto broken = validate_logs(logs)) return models::fail("invalid logs: " + *broken);
  return models::Metadata::create(type, to_json());
}

std::optional<std::string> validate_logs(const boost::json::object& logs) {
  if (logs.contains("open_success")) {
    for (const char* phase : {"open", "read", "write"}) {
      const std::string name(phase);
      if (auto broken = check_pair(logs, name + "_success", name + "_reason", name == "open")) return broken;
    }
    if (!is_true(logs, "open_success") && (is_true(logs, "read_success") || is_true(logs, "write_success")))
      return std::string("open_success false forbids a successful read or write");
    return std::nullopt;
  }
  return check_pair(logs, "success", "reason", true);
}

}  // namespace bigbrotr::nips
