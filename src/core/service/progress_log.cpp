#include "core/service/progress_log.hpp"

#include <fmt/format.h>

namespace bigbrotr::core {

ProgressLog::ProgressLog(const Logger& logger, std::string phase, std::chrono::seconds every)
    : logger_(logger),
      phase_(std::move(phase)),
      every_(every),
      started_(std::chrono::steady_clock::now()),
      last_line_(started_) {}

void ProgressLog::update(std::initializer_list<LogField> fields) {
  const auto now = std::chrono::steady_clock::now();
  if (now - last_line_ < every_) return;
  last_line_ = now;
  logger_.info(phase_ + " progress", fields);
}

void ProgressLog::done(std::initializer_list<LogField> fields) {
  // The elapsed time goes into the message because Logger takes the caller's fields as
  // an initializer_list, which cannot be extended.
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  logger_.info(fmt::format("{} done in {:.1f} s", phase_, elapsed), fields);
}

}  // namespace bigbrotr::core
