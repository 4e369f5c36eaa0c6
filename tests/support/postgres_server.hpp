#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

// A throwaway PostgreSQL 15 cluster (Debian's postgresql-15) and a PgBouncer in transaction
// mode in front of it, both on loopback ports chosen at start, in a fresh temp folder that
// is deleted on stop. As root the servers run as the `postgres` user (initdb refuses
// root). Every wait is bounded; failures throw std::runtime_error with the log's tail.
namespace bigbrotr::testing {

class PostgresServer {
 public:
  static constexpr const char* kBinDir = "/usr/lib/postgresql/15/bin";
  static constexpr const char* kPgBouncer = "/usr/sbin/pgbouncer";

  PostgresServer() {
    char pattern[] = "/tmp/bigbrotr-pg-XXXXXX";
    if (::mkdtemp(pattern) == nullptr) throw std::runtime_error("postgres: cannot create a temp folder");
    dir_ = pattern;
    if (::geteuid() == 0) {
      const passwd* user = ::getpwnam("postgres");
      if (user == nullptr) throw std::runtime_error("postgres: no postgres user (install postgresql-15)");
      uid_ = user->pw_uid;
      gid_ = user->pw_gid;
      if (::chown(dir_.c_str(), uid_, gid_) != 0)
        throw std::runtime_error("postgres: cannot chown " + dir_.string());
    }
    try {
      start_postgres();
      start_pgbouncer();
    } catch (...) {
      stop();
      throw;
    }
  }
  ~PostgresServer() { stop(); }
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  int port() const { return port_; }
  int bouncer_port() const { return bouncer_port_; }
  // A libpq conninfo string for `database`, directly or through PgBouncer.
  std::string conninfo(const std::string& database, bool through_bouncer = false) const {
    return "host=127.0.0.1 port=" + std::to_string(through_bouncer ? bouncer_port_ : port_) +
           " user=postgres dbname=" + database;
  }

  // Runs SQL (several statements allowed) on `database` as the superuser, directly.
  // Returns the first column of the first row of the last result ("" when none).
  std::string execute(const std::string& database, const std::string& sql) const {
    PGconn* connection = PQconnectdb(conninfo(database).c_str());
    if (PQstatus(connection) != CONNECTION_OK) {
      const std::string message = PQerrorMessage(connection);
      PQfinish(connection);
      throw std::runtime_error("postgres: cannot connect: " + message);
    }
    PGresult* result = PQexec(connection, sql.c_str());
    const ExecStatusType status = PQresultStatus(result);
    std::string value = PQntuples(result) > 0 ? PQgetvalue(result, 0, 0) : "";
    const std::string message = PQresultErrorMessage(result);
    PQclear(result);
    PQfinish(connection);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
      throw std::runtime_error("postgres: " + message);
    return value;
  }

  void stop() noexcept {
    if (bouncer_pid_ > 0) {
      ::kill(bouncer_pid_, SIGTERM);
      if (!wait_exit(bouncer_pid_, std::chrono::seconds(5))) {
        ::kill(bouncer_pid_, SIGKILL);
        wait_exit(bouncer_pid_, std::chrono::seconds(5));
      }
      bouncer_pid_ = -1;
    }
    if (started_) {
      try {
        run({"pg_ctl", "-D", (dir_ / "data").string(), "-m", "immediate", "-w", "-t", "20", "stop"}, 30);
      } catch (...) {
      }
      started_ = false;
    }
    std::error_code ignored;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ignored);
    dir_.clear();
  }

 private:
  static int free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof(address);
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), size) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
      if (fd >= 0) ::close(fd);
      throw std::runtime_error("postgres: no free loopback port");
    }
    ::close(fd);
    return ntohs(address.sin_port);
  }

  static bool wait_exit(pid_t pid, std::chrono::seconds limit, int* status = nullptr) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    int local = 0;
    while (std::chrono::steady_clock::now() < deadline) {
      const pid_t done = ::waitpid(pid, status != nullptr ? status : &local, WNOHANG);
      if (done == pid || done < 0) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  }

  // Starts a program of the server's (as the postgres user when root), output to log.
  pid_t spawn(const std::vector<std::string>& args, const std::filesystem::path& log) const {
    const std::string program = args[0].front() == '/' ? args[0] : std::string(kBinDir) + "/" + args[0];
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("postgres: fork failed");
    if (pid == 0) {
      if (uid_ != 0 && (::setgid(gid_) != 0 || ::setuid(uid_) != 0)) ::_exit(126);
      const int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      if (out >= 0) {
        ::dup2(out, 1);
        ::dup2(out, 2);
      }
      if (::chdir(dir_.c_str()) != 0) ::_exit(126);
      std::vector<char*> argv;
      for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
      argv.push_back(nullptr);
      ::execv(program.c_str(), argv.data());
      ::_exit(127);
    }
    return pid;
  }

  // Runs a program to completion within `limit_seconds`; throws when it fails.
  void run(const std::vector<std::string>& args, int limit_seconds) const {
    const auto log = dir_ / "commands.log";
    const pid_t pid = spawn(args, log);
    int status = 0;
    if (!wait_exit(pid, std::chrono::seconds(limit_seconds), &status)) {
      ::kill(pid, SIGKILL);
      wait_exit(pid, std::chrono::seconds(5));
      throw std::runtime_error("postgres: " + args[0] + " timed out\n" + tail(log));
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      throw std::runtime_error("postgres: " + args[0] + " failed\n" + tail(log));
    }
  }

  static std::string tail(const std::filesystem::path& log) {
    std::ifstream in(log);
    std::stringstream text;
    text << in.rdbuf();
    const std::string all = text.str();
    return all.size() > 2000 ? all.substr(all.size() - 2000) : all;
  }

  void start_postgres() {
    const std::string data = (dir_ / "data").string();
    run({"initdb", "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"},
        120);
    port_ = free_port();
    // Durability is pointless for a throwaway cluster; speed is not.
    const std::string options = "-c listen_addresses=127.0.0.1 -c port=" + std::to_string(port_) +
                                " -c unix_socket_directories=" + dir_.string() +
                                " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
                                " -c autovacuum=off -c jit=off"
                                " -c max_connections=300 -c shared_buffers=64MB";
    run({"pg_ctl", "-D", data, "-l", (dir_ / "postgres.log").string(), "-o", options, "-w", "-t", "60",
         "start"},
        90);
    started_ = true;
  }

  void start_pgbouncer() {
    bouncer_port_ = free_port();
    std::ofstream(dir_ / "userlist.txt") << "\"postgres\" \"\"\n";
    std::ofstream(dir_ / "pgbouncer.ini")
        << "[databases]\n* = host=127.0.0.1 port=" << port_ << "\n\n[pgbouncer]\n"
        << "listen_addr = 127.0.0.1\nlisten_port = " << bouncer_port_ << "\nunix_socket_dir =\n"
        << "auth_type = trust\nauth_file = " << (dir_ / "userlist.txt").string() << "\n"
        << "pool_mode = transaction\nmax_client_conn = 500\ndefault_pool_size = 10\n"
        << "server_idle_timeout = 5\nserver_lifetime = 60\nignore_startup_parameters = extra_float_digits\n"
        << "admin_users = postgres\n";
    bouncer_pid_ = spawn({kPgBouncer, (dir_ / "pgbouncer.ini").string()}, dir_ / "pgbouncer.log");
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (std::chrono::steady_clock::now() < deadline) {
      PGconn* probe = PQconnectdb(conninfo("postgres", true).c_str());
      const bool ready = PQstatus(probe) == CONNECTION_OK;
      PQfinish(probe);
      if (ready) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    throw std::runtime_error("pgbouncer did not start\n" + tail(dir_ / "pgbouncer.log"));
  }

  std::filesystem::path dir_;
  uid_t uid_ = 0;
  gid_t gid_ = 0;
  int port_ = 0;
  int bouncer_port_ = 0;
  bool started_ = false;
  pid_t bouncer_pid_ = -1;
};

}  // namespace bigbrotr::testing
