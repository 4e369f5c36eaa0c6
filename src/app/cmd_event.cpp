// `bigbrotr event verify`: NDJSON Nostr events on stdin, one verdict per line on stdout.
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "app/commands.hpp"
#include "models/event.hpp"
#include "models/hex.hpp"

namespace bigbrotr::app {
namespace {

// A line longer than this is answered "invalid line too long" without being kept:
// the rest of it is skipped as it streams past, so memory stays bounded.
constexpr std::size_t kMaxLineBytes = std::size_t{16} << 20;
constexpr std::size_t kReadBytes = std::size_t{1} << 16;
constexpr std::size_t kWriteBytes = std::size_t{1} << 16;

// Buffers verdict lines and writes them in large blocks (no flush per line).
class VerdictWriter {
 public:
  explicit VerdictWriter(int fd) : fd_(fd) { buffer_.reserve(kWriteBytes + 256); }

  void ok(const models::Event& event) {
    buffer_.append("ok ");
    models::append_hex(buffer_, event.id());
    buffer_.push_back('\n');
    if (buffer_.size() >= kWriteBytes) flush();
  }

  void invalid(std::string_view reason) {
    buffer_.append("invalid ").append(reason).push_back('\n');
    if (buffer_.size() >= kWriteBytes) flush();
  }

  // Writes everything buffered; false when stdout is gone (e.g. closed pipe).
  bool flush() {
    std::size_t written = 0;
    while (written < buffer_.size()) {
      const ssize_t n = ::write(fd_, buffer_.data() + written, buffer_.size() - written);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      written += static_cast<std::size_t>(n);
    }
    buffer_.clear();
    return true;
  }

 private:
  int fd_;
  std::string buffer_;
};

void judge_line(std::string_view line, VerdictWriter& out) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);  // CRLF input
  if (line.find_first_not_of(" \t") == std::string_view::npos) return out.invalid("empty line");
  const auto event = models::Event::parse(line);
  if (!event) return out.invalid(event.reason());
  if (const auto fault = event->check()) return out.invalid(*fault);
  out.ok(*event);
}

// Cuts a byte stream into lines. Complete lines inside one chunk are judged in place;
// only a line that spans chunks is copied, and only up to kMaxLineBytes.
class LineSplitter {
 public:
  explicit LineSplitter(VerdictWriter& out) : out_(out) {}

  void feed(std::string_view data) {
    while (!data.empty()) {
      const std::size_t end = data.find('\n');
      const std::string_view piece = data.substr(0, end);
      if (end == std::string_view::npos) {
        keep(piece);
        return;
      }
      if (pending_.empty() && !too_long_) {
        if (piece.size() > kMaxLineBytes) {
          out_.invalid("line too long");
        } else {
          judge_line(piece, out_);
        }
      } else {
        keep(piece);
        end_line();
      }
      data.remove_prefix(end + 1);
    }
  }

  // Judges a last line that has no newline.
  void finish() {
    if (!pending_.empty() || too_long_) end_line();
  }

 private:
  void keep(std::string_view piece) {
    if (too_long_) return;
    if (pending_.size() + piece.size() > kMaxLineBytes) {
      too_long_ = true;
      std::string().swap(pending_);
      return;
    }
    pending_.append(piece);
  }

  void end_line() {
    if (too_long_) {
      out_.invalid("line too long");
    } else {
      judge_line(pending_, out_);
    }
    too_long_ = false;
    pending_.clear();
    if (pending_.capacity() > kReadBytes * 16) std::string().swap(pending_);
  }

  VerdictWriter& out_;
  std::string pending_;
  bool too_long_ = false;
};

// Verdicts are flushed before every read that may block, so a producer that writes a
// line at a time sees its answer at once while bulk input still gets large writes.
int run_verify(int in_fd, int out_fd) {
  VerdictWriter out(out_fd);
  LineSplitter lines(out);
  std::vector<char> chunk(kReadBytes);
  while (true) {
    if (!out.flush()) return 1;
    const ssize_t n = ::read(in_fd, chunk.data(), chunk.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      // NOLINTNEXTLINE(concurrency-mt-unsafe): `event verify` runs on one thread, this one
      std::cerr << "bigbrotr: reading stdin: " << std::strerror(errno) << '\n';
      out.flush();
      return 1;
    }
    if (n == 0) break;
    lines.feed(std::string_view(chunk.data(), static_cast<std::size_t>(n)));
  }
  lines.finish();
  return out.flush() ? 0 : 1;
}

}  // namespace

void add_event_command(CLI::App& app, int& exit_code) {
  CLI::App* event = app.add_subcommand("event", "Nostr events (NIP-01)");
  event->require_subcommand(1);
  CLI::App* verify = event->add_subcommand(
      "verify",
      "Read NDJSON Nostr events on stdin; print one line per input line, in order: "
      "`ok <id>` when the event is well-formed and its id and signature verify, else `invalid <reason>`. "
      "Exits 0 once all input is read");
  verify->callback([&exit_code] { exit_code = run_verify(STDIN_FILENO, STDOUT_FILENO); });
}

}  // namespace bigbrotr::app
