#include "core/http/http_drops.hpp"

#include <algorithm>

namespace bigbrotr::core {

std::string_view to_string(HttpDrop reason) noexcept {
  switch (reason) {
    case HttpDrop::refused:
      return "refused";
    case HttpDrop::evicted:
      return "evicted";
    case HttpDrop::header_timeout:
      return "header_timeout";
    case HttpDrop::write_timeout:
      return "write_timeout";
    case HttpDrop::oversized_header:
      return "oversized_header";
    case HttpDrop::malformed_request:
      return "malformed_request";
  }
  return "unknown";
}

HttpDropLog::HttpDropLog(Logger logger, std::string server, HttpDropObserver on_drop,
                         Clock::duration interval)
    : logger_(std::move(logger)),
      server_(std::move(server)),
      on_drop_(std::move(on_drop)),
      interval_(interval) {}

void HttpDropLog::record(HttpDrop reason, Clock::time_point now) {
  const auto index = static_cast<std::size_t>(reason);
  totals_[index].fetch_add(1, std::memory_order_relaxed);
  ++unreported_[index];
  if (on_drop_) on_drop_(reason);
  if (last_report_ && now - *last_report_ < interval_) return;
  last_report_ = now;
  report();
}

void HttpDropLog::flush() {
  if (std::ranges::any_of(unreported_, [](std::uint64_t count) { return count != 0; })) report();
}

HttpDropCounts HttpDropLog::totals() const {
  HttpDropCounts counts{};
  for (std::size_t i = 0; i < kHttpDropReasons; ++i) counts[i] = totals_[i].load(std::memory_order_relaxed);
  return counts;
}

void HttpDropLog::report() {
  const auto count = [this](HttpDrop reason) { return unreported_[static_cast<std::size_t>(reason)]; };
  logger_.warning("http connections dropped", {{"server", server_},
                                               {"refused", count(HttpDrop::refused)},
                                               {"evicted", count(HttpDrop::evicted)},
                                               {"header_timeout", count(HttpDrop::header_timeout)},
                                               {"write_timeout", count(HttpDrop::write_timeout)},
                                               {"oversized_header", count(HttpDrop::oversized_header)},
                                               {"malformed_request", count(HttpDrop::malformed_request)}});
  unreported_ = {};
}

}  // namespace bigbrotr::core
