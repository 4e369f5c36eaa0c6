#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "integration/store/postgres_test_support.hpp"
#include "support/free_loopback_port.hpp"
#include "support/service_test_support.hpp"

// The backends the service flows run on: SQLite (in memory) and PostgreSQL (a fresh
// database on the suite's throwaway server, started on first use).
namespace bigbrotr::testing {

enum class ServiceBackend { sqlite, postgresql };

inline std::string backend_name(const ::testing::TestParamInfo<ServiceBackend>& info) {
  return info.param == ServiceBackend::sqlite ? "SQLite" : "PostgreSQL";
}

// A harness on a fresh database of `backend`.
inline std::unique_ptr<ServiceHarness> harness_on(ServiceBackend backend, models::ServiceName service) {
  if (backend == ServiceBackend::sqlite) return std::make_unique<ServiceHarness>("sqlite::memory:", service);
  return std::make_unique<ServiceHarness>(postgres_server().conninfo(create_test_database()), service);
}

}  // namespace bigbrotr::testing
