#include "models/service_state.hpp"

#include <utility>

#include "models/canonical_json.hpp"

namespace bigbrotr::models {

Result<ServiceState> ServiceState::create(ServiceName service, ServiceStateType type, std::string key,
                                          const boost::json::value& value) {
  if (key.empty()) return fail("state key is empty");
  if (key.find('\0') != std::string::npos) return fail("state key contains NUL");
  if (!value.is_object()) return fail("state value is not a JSON object");
  auto sanitized = sanitize_json(value);
  if (!sanitized) return sanitized.failure();
  // A fully empty object sanitises to itself; keep it an object either way.
  boost::json::object object = sanitized->is_object() ? sanitized->get_object() : boost::json::object{};
  return ServiceState(service, type, std::move(key), std::move(object));
}

ServiceState::ServiceState(ServiceName service, ServiceStateType type, std::string key, boost::json::object value)
    : service_(service), type_(type), key_(std::move(key)), value_(std::move(value)) {}

std::string ServiceState::value_json() const { return to_canonical_json(value_); }

}  // namespace bigbrotr::models
