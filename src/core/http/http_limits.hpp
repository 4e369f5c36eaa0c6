#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

// What one HTTP server lets a client hold: bytes, time and connections. The defaults suit
// a scrape endpoint or a small read-only API exposed to the internet; tests shorten them.
namespace bigbrotr::core {

struct HttpLimits {
  // The request line and every header field together; more is answered 431 and closed.
  std::uint32_t max_header_bytes = 8 * 1024;
  // The request target (path and query); longer is answered 414.
  std::size_t max_target_length = 2048;
  // From accept to the end of the first request's header, however slowly the bytes come:
  // a client trickling one byte a second is closed at this deadline, not kept alive by
  // each byte.
  std::chrono::milliseconds header_deadline{std::chrono::seconds(5)};
  // A kept-alive connection waits this long for the first byte of its next request; that
  // request's header then has header_deadline to complete.
  std::chrono::milliseconds idle_timeout{std::chrono::seconds(30)};
  // To write one response.
  std::chrono::milliseconds write_timeout{std::chrono::seconds(10)};
  // Open connections from one client address, and in total. A new connection over either
  // cap closes the oldest connection still waiting for a request header instead of being
  // refused; it is refused only when every connection it could replace is busy.
  std::size_t max_connections_per_client = 8;
  std::size_t max_connections = 256;
};

}  // namespace bigbrotr::core
