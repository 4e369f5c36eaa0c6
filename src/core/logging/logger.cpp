#include "core/logging/logger.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <chrono>

namespace bigbrotr::core {
namespace {

constexpr std::size_t kMaxValueLength = 1000;

std::string timestamp_now() {
  const auto now = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}Z", now);
}

std::string truncated(std::string_view text) {
  if (text.size() <= kMaxValueLength) return std::string(text);
  return fmt::format("{}...<truncated {} chars>", text.substr(0, kMaxValueLength), text.size() - kMaxValueLength);
}

bool needs_quotes(std::string_view text) {
  if (text.empty()) return true;
  return std::any_of(text.begin(), text.end(), [](char c) {
    return c == ' ' || c == '=' || c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20;
  });
}

// JSON string escaping; also used for quoted text values so both formats read the same.
void append_escaped(std::string& out, std::string_view text) {
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        } else {
          out += c;
        }
    }
  }
}

std::string scalar_text(const LogField::Value& value) {
  struct Visitor {
    std::string operator()(std::string_view text) const { return truncated(text); }
    std::string operator()(std::int64_t number) const { return std::to_string(number); }
    std::string operator()(double number) const { return fmt::format("{}", number); }
    std::string operator()(bool flag) const { return flag ? "true" : "false"; }
  };
  return std::visit(Visitor{}, value);
}

void append_quoted(std::string& out, std::string_view text) {
  out += '"';
  append_escaped(out, text);
  out += '"';
}

std::string upper(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::toupper(c); });
  return out;
}

}  // namespace

std::string_view to_string(LogLevel level) noexcept {
  switch (level) {
    case LogLevel::debug: return "debug";
    case LogLevel::info: return "info";
    case LogLevel::warning: return "warning";
    case LogLevel::error: return "error";
  }
  return "info";
}

std::optional<LogLevel> parse_log_level(std::string_view text) noexcept {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  if (lower == "debug") return LogLevel::debug;
  if (lower == "info") return LogLevel::info;
  if (lower == "warning" || lower == "warn") return LogLevel::warning;
  if (lower == "error") return LogLevel::error;
  return std::nullopt;
}

std::optional<LogFormat> parse_log_format(std::string_view text) noexcept {
  if (text == "text") return LogFormat::text;
  if (text == "json") return LogFormat::json;
  return std::nullopt;
}

Logger::Logger(std::string service, LogLevel min_level, LogFormat format, std::ostream& sink)
    : Logger(std::move(service), min_level, format, std::make_shared<Sink>(sink)) {}

Logger::Logger(std::string service, LogLevel min_level, LogFormat format, std::shared_ptr<Sink> sink)
    : service_(std::move(service)), min_level_(min_level), format_(format), sink_(std::move(sink)) {}

Logger Logger::for_service(std::string service) const { return Logger(std::move(service), min_level_, format_, sink_); }

void Logger::log(LogLevel level, std::string_view message, std::initializer_list<LogField> fields) const {
  if (!enabled(level)) return;
  const std::string line =
      format_ == LogFormat::json ? format_json(level, message, fields) : format_text(level, message, fields);
  const std::lock_guard lock(sink_->mutex);
  sink_->stream << line << '\n';
  sink_->stream.flush();
}

void Logger::debug(std::string_view message, std::initializer_list<LogField> fields) const {
  log(LogLevel::debug, message, fields);
}
void Logger::info(std::string_view message, std::initializer_list<LogField> fields) const {
  log(LogLevel::info, message, fields);
}
void Logger::warning(std::string_view message, std::initializer_list<LogField> fields) const {
  log(LogLevel::warning, message, fields);
}
void Logger::error(std::string_view message, std::initializer_list<LogField> fields) const {
  log(LogLevel::error, message, fields);
}

std::string Logger::format_text(LogLevel level, std::string_view message,
                                std::initializer_list<LogField> fields) const {
  std::string line = fmt::format("{} {} {} ", timestamp_now(), upper(to_string(level)), service_);
  line += truncated(message);
  for (const LogField& field : fields) {
    line += ' ';
    line += field.key;
    line += '=';
    const std::string value = scalar_text(field.value);
    if (std::holds_alternative<std::string_view>(field.value) && needs_quotes(value)) {
      append_quoted(line, value);
    } else {
      line += value;
    }
  }
  return line;
}

std::string Logger::format_json(LogLevel level, std::string_view message,
                                std::initializer_list<LogField> fields) const {
  std::string line = "{\"timestamp\":";
  append_quoted(line, timestamp_now());
  line += ",\"level\":";
  append_quoted(line, to_string(level));
  line += ",\"service\":";
  append_quoted(line, service_);
  line += ",\"message\":";
  append_quoted(line, truncated(message));
  for (const LogField& field : fields) {
    line += ',';
    append_quoted(line, field.key);
    line += ':';
    const std::string value = scalar_text(field.value);
    if (std::holds_alternative<std::string_view>(field.value)) {
      append_quoted(line, value);
    } else if (std::holds_alternative<double>(field.value) && value.find_first_of("ni") != std::string::npos) {
      line += "null";  // JSON has no NaN or infinity
    } else {
      line += value;
    }
  }
  line += '}';
  return line;
}

}  // namespace bigbrotr::core
