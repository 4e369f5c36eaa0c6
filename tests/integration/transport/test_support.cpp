#include "integration/transport/test_support.hpp"

#include <boost/asio/ip/tcp.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <thread>

namespace bigbrotr::testing {
namespace {

void shell(const std::string& command) {
  if (std::system((command + " >/dev/null 2>&1").c_str()) != 0)
    throw std::runtime_error("failed: " + command);
}

Certificates make_certificates() {
  const auto dir = std::filesystem::temp_directory_path() / ("bigbrotr-tls-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string d = dir.string();
  const std::string ec_key = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
  const std::string san = "subjectAltName=DNS:localhost,IP:127.0.0.1";
  shell("openssl req -x509 " + ec_key + " -keyout " + d + "/ca.key -out " + d +
        "/ca.pem -days 2 -subj /CN=bigbrotr-test-ca");
  shell("openssl req -new " + ec_key + " -keyout " + d + "/server.key -out " + d +
        "/server.csr -subj /CN=localhost");
  std::ofstream(dir / "server.ext") << san << "\n";
  shell("openssl x509 -req -in " + d + "/server.csr -CA " + d + "/ca.pem -CAkey " + d +
        "/ca.key -CAcreateserial -out " + d + "/server.pem -days 2 -extfile " + d + "/server.ext");
  shell("openssl req -x509 " + ec_key + " -keyout " + d + "/self.key -out " + d +
        "/self.pem -days 2 -subj /CN=localhost -addext " + san);
  return Certificates{
      d, d + "/ca.pem", d + "/server.pem", d + "/server.key", d + "/self.pem", d + "/self.key"};
}

bool accepting(std::uint16_t port) {
  boost::asio::io_context context;
  boost::asio::ip::tcp::socket socket(context);
  boost::system::error_code ec;
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), port}, ec);
  return !ec;
}

}  // namespace

models::Relay local_relay(std::uint16_t port, const std::string& path, const std::string& scheme,
                          const std::string& host) {
  const std::string url = scheme + "://" + host + ":" + std::to_string(port) + path;
  auto relay = models::Relay::parse(url, models::RelayParseOptions{.allow_local = true});
  if (!relay) throw std::runtime_error("bad test relay url " + url + ": " + relay.reason());
  return relay.value();
}

const Certificates& certificates() {
  // Removed again when the process exits.
  static const struct Owned {
    Certificates files = make_certificates();
    ~Owned() {
      std::error_code ignored;
      std::filesystem::remove_all(files.directory, ignored);
    }
  } made;
  return made.files;
}

std::uint16_t free_port() {
  boost::asio::io_context context;
  boost::asio::ip::tcp::acceptor acceptor(context, {boost::asio::ip::make_address("127.0.0.1"), 0});
  return acceptor.local_endpoint().port();
}

Microsocks::Microsocks(std::optional<std::string> username, std::optional<std::string> password)
    : port_(free_port()) {
  const std::string port = std::to_string(port_);
  pid_ = ::fork();
  if (pid_ == 0) {
    if (username && password) {
      ::execlp("microsocks", "microsocks", "-i", "127.0.0.1", "-p", port.c_str(), "-u", username->c_str(),
               "-P", password->c_str(), static_cast<char*>(nullptr));
    } else {
      ::execlp("microsocks", "microsocks", "-i", "127.0.0.1", "-p", port.c_str(),
               static_cast<char*>(nullptr));
    }
    ::_exit(127);
  }
  for (int attempt = 0; attempt < 100 && !accepting(port_); ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

Microsocks::~Microsocks() {
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
  }
}

}  // namespace bigbrotr::testing
