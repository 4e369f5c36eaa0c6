#include "nips/nip66/nip66_ssl.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "models/ip_literal.hpp"
#include "nips/nip66/clearnet_only.hpp"
#include "nips/nip66/x509_fields.hpp"

namespace bigbrotr::nips {
namespace {

// A connected TCP socket, closed on destruction.
class Socket {
 public:
  explicit Socket(int fd) : fd_(fd) {}
  ~Socket() {
    if (fd_ >= 0) ::close(fd_);
  }
  Socket(Socket&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  Socket& operator=(Socket&&) = delete;
  int fd() const { return fd_; }
  bool valid() const { return fd_ >= 0; }

 private:
  int fd_;
};

// Connects with a bounded wait, then leaves the socket blocking with read and write
// timeouts, as Python's socket.create_connection(timeout=…) does.
Socket connect_to(const std::string& ip, std::uint16_t port, std::chrono::milliseconds timeout) {
  const auto literal = models::parse_ip_literal(ip);
  if (!literal) return Socket(-1);
  sockaddr_storage address{};
  socklen_t length = 0;
  if (literal->family == models::IpLiteral::Family::v4) {
    auto* v4 = reinterpret_cast<sockaddr_in*>(&address);
    v4->sin_family = AF_INET;
    v4->sin_port = htons(port);
    std::memcpy(&v4->sin_addr, literal->bytes.data(), 4);
    length = sizeof(sockaddr_in);
  } else {
    auto* v6 = reinterpret_cast<sockaddr_in6*>(&address);
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(port);
    std::memcpy(&v6->sin6_addr, literal->bytes.data(), 16);
    length = sizeof(sockaddr_in6);
  }
  Socket socket(::socket(address.ss_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
  if (!socket.valid()) return socket;
  if (::connect(socket.fd(), reinterpret_cast<sockaddr*>(&address), length) != 0) {
    if (errno != EINPROGRESS) return Socket(-1);
    pollfd waiting{socket.fd(), POLLOUT, 0};
    if (::poll(&waiting, 1, static_cast<int>(timeout.count())) != 1) return Socket(-1);
    int error = 0;
    socklen_t size = sizeof error;
    if (::getsockopt(socket.fd(), SOL_SOCKET, SO_ERROR, &error, &size) != 0 || error != 0) return Socket(-1);
  }
  ::fcntl(socket.fd(), F_SETFL, ::fcntl(socket.fd(), F_GETFL) & ~O_NONBLOCK);
  timeval bound{};
  bound.tv_sec = static_cast<time_t>(timeout.count() / 1000);
  bound.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
  ::setsockopt(socket.fd(), SOL_SOCKET, SO_RCVTIMEO, &bound, sizeof bound);
  ::setsockopt(socket.fd(), SOL_SOCKET, SO_SNDTIMEO, &bound, sizeof bound);
  return socket;
}

struct FreeContext {
  void operator()(SSL_CTX* context) const noexcept { SSL_CTX_free(context); }
};
struct FreeSsl {
  void operator()(SSL* ssl) const noexcept { SSL_free(ssl); }
};
struct FreeX509 {
  void operator()(X509* certificate) const noexcept { X509_free(certificate); }
};

struct Target {
  std::string host;  // SNI and the name verified
  std::string ip;    // where to connect
  std::uint16_t port = 443;
};

// One TLS handshake. `verify` turns on chain and hostname verification. Calls `use`
// with the connected SSL on success; returns whether the handshake succeeded.
template <class Use>
bool handshake(const Target& target, const SslCheckOptions& options, bool verify, Use use) {
  std::unique_ptr<SSL_CTX, FreeContext> context(SSL_CTX_new(TLS_client_method()));
  if (!context) return false;
  if (verify) {
    SSL_CTX_set_verify(context.get(), SSL_VERIFY_PEER, nullptr);
    SSL_CTX_set_default_verify_paths(context.get());
    if (options.extra_ca_file &&
        SSL_CTX_load_verify_locations(context.get(), options.extra_ca_file->c_str(), nullptr) != 1)
      return false;
  } else {
    SSL_CTX_set_verify(context.get(), SSL_VERIFY_NONE, nullptr);
  }
  Socket socket = connect_to(target.ip, target.port, options.timeout);
  if (!socket.valid()) return false;
  std::unique_ptr<SSL, FreeSsl> ssl(SSL_new(context.get()));
  if (!ssl || SSL_set_fd(ssl.get(), socket.fd()) != 1) return false;
  const bool host_is_ip = models::parse_ip_literal(target.host).has_value();
  // Like Python's ssl module: SNI only for names, never for IP literals.
  if (!host_is_ip) SSL_set_tlsext_host_name(ssl.get(), target.host.c_str());
  if (verify) {
    X509_VERIFY_PARAM* param = SSL_get0_param(ssl.get());
    if (host_is_ip) {
      X509_VERIFY_PARAM_set1_ip_asc(param, target.host.c_str());
    } else {
      X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
      SSL_set1_host(ssl.get(), target.host.c_str());
    }
  }
  if (SSL_connect(ssl.get()) != 1) return false;
  use(ssl.get());
  SSL_shutdown(ssl.get());
  return true;
}

boost::json::object read_certificate(const Target& target, const SslCheckOptions& options) {
  boost::json::object data;
  handshake(target, options, false, [&](SSL* ssl) {
    std::unique_ptr<X509, FreeX509> certificate(SSL_get1_peer_certificate(ssl));
    data = certificate_fields(certificate.get());
    if (const char* protocol = SSL_get_version(ssl)) data["ssl_protocol"] = protocol;
    if (const SSL_CIPHER* cipher = SSL_get_current_cipher(ssl)) {
      data["ssl_cipher"] = SSL_CIPHER_get_name(cipher);
      data["ssl_cipher_bits"] = static_cast<std::int64_t>(SSL_CIPHER_get_bits(cipher, nullptr));
    }
  });
  return data;
}

}  // namespace

CheckResult check_ssl(const models::Relay& relay, const SslCheckOptions& options) {
  if (auto refused = require_clearnet(relay)) return *refused;
  Target target{relay.host(), {}, relay.port().value_or(443)};
  if (options.connect_address) {
    target.ip = *options.connect_address;
  } else {
    const HostResolver& resolver = options.resolver ? options.resolver : system_host_resolver();
    const auto addresses = resolver(relay.host(), options.timeout);
    target.ip = addresses.ipv4.value_or(addresses.ipv6.value_or(""));
  }
  boost::json::object data = read_certificate(target, options);
  if (data.empty()) return CheckResult::failure("no certificate data extracted");
  data["ssl_valid"] = handshake(target, options, true, [](SSL*) {});
  return CheckResult::success(std::move(data));
}

}  // namespace bigbrotr::nips
