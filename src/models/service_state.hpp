#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <string>

#include "models/enums.hpp"
#include "models/result.hpp"

namespace bigbrotr::models {

// One row of per-service state: a validation candidate, a cursor or a checkpoint, keyed by
// (service, type, key) where the key is usually a relay URL. The value is a sanitised JSON
// object that carries its own timestamp (see the state registry in the database spec).
class ServiceState {
 public:
  // Fails when the key is empty, the value is not an object, or it contains NUL.
  static Result<ServiceState> create(ServiceName service, ServiceStateType type, std::string key,
                                     const boost::json::value& value);

  ServiceName service() const noexcept { return service_; }
  ServiceStateType type() const noexcept { return type_; }
  const std::string& key() const noexcept { return key_; }
  const boost::json::object& value() const noexcept { return value_; }
  // The value in canonical JSON, as stored.
  std::string value_json() const;

 private:
  ServiceState(ServiceName service, ServiceStateType type, std::string key, boost::json::object value);

  ServiceName service_;
  ServiceStateType type_;
  std::string key_;
  boost::json::object value_;
};

}  // namespace bigbrotr::models
