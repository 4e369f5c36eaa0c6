#pragma once

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>
#include <string>

#include "integration/store/postgres_test_support.hpp"
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

// A loopback URL nothing listens on: a port the kernel handed out and took back.
inline std::string dead_loopback_url() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof(address);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), size);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
  ::close(fd);
  return "ws://127.0.0.1:" + std::to_string(ntohs(address.sin_port));
}

}  // namespace bigbrotr::testing
