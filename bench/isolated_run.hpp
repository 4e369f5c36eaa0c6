#pragma once

#include <poll.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <functional>
#include <iostream>
#include <stdexcept>
#include <string>

// Runs one piece of work in a forked child, so that the peak RSS and the CPU time the
// kernel accounts to that process are the work's alone (the parent holds the test data),
// with a bound on how long it may take.
namespace bigbrotr::bench {

struct IsolatedRun {
  std::string output;  // what the work returned, passed back through a pipe
  double peak_rss_mib = 0;
  double cpu_seconds = 0;  // user + system, all threads: steadier than wall time under load
};

inline IsolatedRun run_isolated(const std::function<std::string()>& work, std::chrono::seconds limit) {
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) throw std::runtime_error("pipe failed");
  const pid_t child = ::fork();
  if (child < 0) throw std::runtime_error("fork failed");
  if (child == 0) {
    ::close(pipe_fds[0]);
    int code = 0;
    try {
      const std::string output = work();
      if (::write(pipe_fds[1], output.data(), output.size()) < 0) code = 1;
    } catch (const std::exception& error) {
      std::cerr << "isolated run failed: " << error.what() << '\n';
      code = 1;
    }
    ::_exit(code);
  }
  ::close(pipe_fds[1]);
  using Clock = std::chrono::steady_clock;
  const auto deadline = Clock::now() + limit;
  IsolatedRun run;
  bool timed_out = false;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    pollfd readable{pipe_fds[0], POLLIN, 0};
    if (left.count() <= 0 || ::poll(&readable, 1, static_cast<int>(left.count())) <= 0) {
      ::kill(child, SIGKILL);
      timed_out = true;
      break;
    }
    char chunk[256];
    const ssize_t got = ::read(pipe_fds[0], chunk, sizeof(chunk));
    if (got <= 0) break;
    run.output.append(chunk, static_cast<std::size_t>(got));
  }
  ::close(pipe_fds[0]);
  int status = 0;
  rusage usage{};
  ::wait4(child, &status, 0, &usage);
  if (timed_out) throw std::runtime_error("the isolated run did not finish in time");
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw std::runtime_error("the isolated run failed");
  run.peak_rss_mib = static_cast<double>(usage.ru_maxrss) / 1024.0;
  const auto seconds = [](const timeval& time) {
    return static_cast<double>(time.tv_sec) + static_cast<double>(time.tv_usec) / 1e6;
  };
  run.cpu_seconds = seconds(usage.ru_utime) + seconds(usage.ru_stime);
  return run;
}

}  // namespace bigbrotr::bench
