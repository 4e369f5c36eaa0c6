#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/logging/logger.hpp"

// Connections an HTTP server ends for cause, counted by reason and reported in the log
// without letting an attacker flood it.
namespace bigbrotr::core {

// Spelled as exported in the `reason` label of the drop metric.
enum class HttpDrop : std::uint8_t {
  refused,            // over a connection cap, with no slow connection to replace
  evicted,            // a slow connection closed to make room for a new one
  header_timeout,     // the request header was not complete by the header deadline
  write_timeout,      // the client did not take the response within the write timeout
  oversized_header,   // answered 431
  malformed_request,  // answered 400: not HTTP/1.x, or a bad header
};
inline constexpr std::size_t kHttpDropReasons = 6;

std::string_view to_string(HttpDrop reason) noexcept;

// Totals by reason, indexed by the enum's value.
using HttpDropCounts = std::array<std::uint64_t, kHttpDropReasons>;

// Told of each drop as it happens, on the server's thread (e.g. to increment a metric).
using HttpDropObserver = std::function<void(HttpDrop)>;

// Counts drops, tells `on_drop` (when set) of each, and logs them at warning level: the
// first one at once, then at most one summary per `interval` (what was dropped since the
// previous line) while drops go on, and flush() writes what is left. record() and flush() belong to one
// thread (the server's); totals() may be read from any.
class HttpDropLog {
 public:
  using Clock = std::chrono::steady_clock;

  // `server` names the server in every line (e.g. its URL).
  HttpDropLog(Logger logger, std::string server, HttpDropObserver on_drop = {},
              Clock::duration interval = std::chrono::minutes(1));

  void record(HttpDrop reason, Clock::time_point now = Clock::now());
  // Logs the drops not reported yet, if any.
  void flush();
  HttpDropCounts totals() const;

 private:
  void report();

  Logger logger_;
  std::string server_;
  HttpDropObserver on_drop_;
  Clock::duration interval_;
  std::optional<Clock::time_point> last_report_;
  std::array<std::atomic<std::uint64_t>, kHttpDropReasons> totals_{};
  HttpDropCounts unreported_{};
};

}  // namespace bigbrotr::core
