#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <variant>

namespace bigbrotr::core {

enum class LogLevel : std::uint8_t { debug, info, warning, error };
enum class LogFormat : std::uint8_t { text, json };

std::string_view to_string(LogLevel level) noexcept;
// Accepts debug|info|warning|error in any case (and "warn").
std::optional<LogLevel> parse_log_level(std::string_view text) noexcept;
std::optional<LogFormat> parse_log_format(std::string_view text) noexcept;

// One structured field of a log record. Values are borrowed for the duration of the call.
struct LogField {
  using Value = std::variant<std::string_view, std::int64_t, double, bool>;

  LogField(std::string_view field_key, std::string_view text) : key(field_key), value(text) {}
  LogField(std::string_view field_key, const char* text) : key(field_key), value(std::string_view(text)) {}
  LogField(std::string_view field_key, const std::string& text) : key(field_key), value(std::string_view(text)) {}
  LogField(std::string_view field_key, double number) : key(field_key), value(number) {}
  LogField(std::string_view field_key, bool flag) : key(field_key), value(flag) {}
  template <class Integer>
    requires std::is_integral_v<Integer>
  LogField(std::string_view field_key, Integer number) : key(field_key), value(static_cast<std::int64_t>(number)) {}

  std::string_view key;
  Value value;
};

// Writes one line per record, tagged with the service name, to a shared sink:
//   text: 2026-11-25T10:00:00Z INFO validator cycle done validated=12 reason="timed out"
//   json: {"timestamp":"…","level":"info","service":"validator","message":"cycle done","validated":12}
// Text values with spaces, '=', quotes or control characters are quoted and escaped; any
// value is cut at 1000 characters with a "...<truncated N chars>" marker. Loggers made
// with for_service() share the sink and its lock, so lines from concurrent services
// never interleave. Thread-safe.
class Logger {
 public:
  Logger(std::string service, LogLevel min_level, LogFormat format, std::ostream& sink);

  // A logger for another service writing to the same sink with the same settings.
  Logger for_service(std::string service) const;

  bool enabled(LogLevel level) const noexcept { return level >= min_level_; }
  void log(LogLevel level, std::string_view message, std::initializer_list<LogField> fields = {}) const;
  void debug(std::string_view message, std::initializer_list<LogField> fields = {}) const;
  void info(std::string_view message, std::initializer_list<LogField> fields = {}) const;
  void warning(std::string_view message, std::initializer_list<LogField> fields = {}) const;
  void error(std::string_view message, std::initializer_list<LogField> fields = {}) const;

  const std::string& service() const noexcept { return service_; }

 private:
  struct Sink {
    explicit Sink(std::ostream& out) : stream(out) {}
    std::ostream& stream;
    std::mutex mutex;
  };
  Logger(std::string service, LogLevel min_level, LogFormat format, std::shared_ptr<Sink> sink);

  std::string format_text(LogLevel level, std::string_view message, std::initializer_list<LogField> fields) const;
  std::string format_json(LogLevel level, std::string_view message, std::initializer_list<LogField> fields) const;

  std::string service_;
  LogLevel min_level_;
  LogFormat format_;
  std::shared_ptr<Sink> sink_;
};

}  // namespace bigbrotr::core
