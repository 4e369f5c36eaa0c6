#pragma once

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

// A server started as a child process for a test, which reports its port by writing
// "listening <port>" as the first line on stdout (the fixture relay and the npm relay
// both do). The child's stderr is the test's stderr. Every wait is bounded; failures to
// start throw std::runtime_error. Not copyable or movable: the destructor stops the child
// (SIGTERM, then SIGKILL after `kStopGrace`) and reaps it.
namespace bigbrotr::testing {

class ListeningProcess {
 public:
  static constexpr std::chrono::seconds kStopGrace{5};

  // Starts argv[0] (looked up in PATH when it has no '/') with argv, and waits up to
  // `start_timeout` for the "listening <port>" line.
  ListeningProcess(const std::vector<std::string>& argv, std::chrono::milliseconds start_timeout) {
    // Everything the child needs is built before fork(): it only calls exec afterwards.
    std::vector<char*> args;
    for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    int out[2];
    if (::pipe(out) != 0) throw std::runtime_error("cannot create a pipe");
    pid_ = ::fork();
    if (pid_ < 0) {
      ::close(out[0]);
      ::close(out[1]);
      throw std::runtime_error("fork failed");
    }
    if (pid_ == 0) {
      ::dup2(out[1], STDOUT_FILENO);
      ::close(out[0]);
      ::close(out[1]);
      ::execvp(args[0], args.data());
      ::_exit(127);
    }
    ::close(out[1]);
    stdout_fd_ = out[0];
    try {
      port_ = read_port(argv[0], start_timeout);
    } catch (...) {
      stop();
      throw;
    }
  }
  ~ListeningProcess() { stop(); }
  ListeningProcess(const ListeningProcess&) = delete;
  ListeningProcess& operator=(const ListeningProcess&) = delete;

  int port() const { return port_; }
  pid_t pid() const { return pid_; }

  // Sends `signal` and waits up to `limit` for the child to end. Returns the raw wait
  // status, or -1 when the child had to be killed (or was already reaped).
  int stop(int signal = SIGTERM, std::chrono::milliseconds limit = kStopGrace) noexcept {
    int status = -1;
    if (pid_ > 0) {
      ::kill(pid_, signal);
      if (!wait_exit(limit, status)) {
        ::kill(pid_, SIGKILL);
        wait_exit(kStopGrace, status);
        status = -1;
      }
      pid_ = -1;
    }
    if (stdout_fd_ >= 0) ::close(stdout_fd_);
    stdout_fd_ = -1;
    return status;
  }

 private:
  bool wait_exit(std::chrono::milliseconds limit, int& status) noexcept {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    do {
      const pid_t done = ::waitpid(pid_, &status, WNOHANG);
      if (done == pid_ || done < 0) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    } while (std::chrono::steady_clock::now() < deadline);
    return false;
  }

  int read_port(const std::string& name, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::string line;
    while (line.find('\n') == std::string::npos) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) throw std::runtime_error(name + ": no \"listening <port>\" line in time");
      pollfd readable{stdout_fd_, POLLIN, 0};
      if (::poll(&readable, 1, static_cast<int>(left.count())) <= 0) continue;
      char chunk[256];
      const ssize_t got = ::read(stdout_fd_, chunk, sizeof(chunk));
      if (got <= 0) throw std::runtime_error(name + ": exited before listening: " + line);
      line.append(chunk, static_cast<std::size_t>(got));
    }
    line.resize(line.find('\n'));
    if (!line.starts_with("listening ")) throw std::runtime_error(name + ": unexpected first line: " + line);
    return std::stoi(line.substr(10));
  }

  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  int port_ = 0;
};

}  // namespace bigbrotr::testing
