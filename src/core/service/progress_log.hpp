#pragma once

#include <chrono>
#include <initializer_list>
#include <string>

#include "core/logging/logger.hpp"

// Keeps a long phase of a cycle visible in the logs: update() writes an info line
// "<phase> progress" with the caller's fields when at least `every` has passed since the
// last line (or since construction); done() always writes "<phase> done in <N> s" with
// the caller's fields. Cheap enough to call once per item. Not thread-safe: one owner per
// phase. The logger must outlive the ProgressLog.
namespace bigbrotr::core {

class ProgressLog {
 public:
  ProgressLog(const Logger& logger, std::string phase, std::chrono::seconds every = std::chrono::seconds(10));

  // Logs "<phase> progress" with `fields` when a line is due.
  void update(std::initializer_list<LogField> fields);
  // Logs "<phase> done in <seconds> s" with `fields`.
  void done(std::initializer_list<LogField> fields);

  const Logger& logger_;
  std::string phase_;
  std::chrono::steady_clock::duration every_;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point last_line_;
};

}  // namespace bigbrotr::core
