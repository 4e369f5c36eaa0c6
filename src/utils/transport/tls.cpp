#include "utils/transport/tls.hpp"

#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <filesystem>
#include <map>
#include <mutex>
#include <tuple>

#include "models/ip_literal.hpp"

namespace bigbrotr::utils {
namespace {

namespace ssl = boost::asio::ssl;
using Context = std::shared_ptr<ssl::context>;

// Which context a caller gets: the extra CA file's modification time is part of the key,
// so a file replaced on disk (a rotated private CA) is read again.
using ContextKey = std::tuple<bool, std::string, std::filesystem::file_time_type>;

// More distinct keys than a deployment has; past it the cache starts over (contexts in
// use stay alive through their shared_ptr).
constexpr std::size_t kMaxCachedContexts = 16;

TransportResult<Context> build_context(bool verify, const std::string& extra_ca_file) {
  auto context = std::make_shared<ssl::context>(ssl::context::tls_client);
  boost::system::error_code ec;
  context->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                           ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1,
                       ec);
  if (!verify) {
    context->set_verify_mode(ssl::verify_none, ec);
    return context;
  }
  context->set_default_verify_paths(ec);
  if (ec) return transport_error(TransportErrorKind::tls, "cannot load the system certificate store");
  if (!extra_ca_file.empty()) {
    context->load_verify_file(extra_ca_file, ec);
    if (ec) return transport_error(TransportErrorKind::tls, "cannot load the extra CA file");
  }
  context->set_verify_mode(ssl::verify_peer, ec);
  return context;
}

// The contexts built so far. Loading the system store parses every certificate of the
// Debian bundle (about 140); doing it per connection cost ~40 ms of CPU each (issue:
// publishing at 25 relays/s), so each context is built once and shared. A context is
// finished before it is shared and never changed after: SSL_new on any thread only takes
// a reference to its SSL_CTX, which OpenSSL makes safe.
class ContextCache {
 public:
  Context find(const ContextKey& key) {
    const std::lock_guard lock(mutex_);
    const auto found = contexts_.find(key);
    return found == contexts_.end() ? nullptr : found->second;
  }
  void keep(ContextKey key, Context context) {
    const std::lock_guard lock(mutex_);
    if (contexts_.size() >= kMaxCachedContexts) contexts_.clear();
    contexts_.emplace(std::move(key), std::move(context));
  }

 private:
  std::mutex mutex_;
  std::map<ContextKey, Context> contexts_;
};

ContextCache& context_cache() {
  static ContextCache cache;
  return cache;
}

}  // namespace

TransportResult<Context> make_tls_context(bool verify, const std::string& extra_ca_file) {
  // Without verification no CA is read: every such caller gets the same context.
  const std::string ca_file = verify ? extra_ca_file : std::string();
  std::error_code ignored;  // a missing file fails the build below, which is not cached
  const auto written = ca_file.empty() ? std::filesystem::file_time_type{}
                                       : std::filesystem::last_write_time(ca_file, ignored);
  ContextKey key{verify, ca_file, written};
  if (Context cached = context_cache().find(key)) return cached;
  // Built outside the lock: two threads missing at once both build, and either result is
  // as good as the other.
  auto built = build_context(verify, ca_file);
  if (built) context_cache().keep(std::move(key), built.value());
  return built;
}

TransportResult<Done> prepare_tls_session(SSL* ssl, const std::string& host, bool verify) {
  const bool is_ip = models::parse_ip_literal(host).has_value();
  if (!is_ip && SSL_set_tlsext_host_name(ssl, host.c_str()) != 1) {
    return transport_error(TransportErrorKind::tls, "cannot set SNI");
  }
  if (!verify) return Done{};
  if (is_ip) {
    X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
    if (X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str()) != 1) {
      return transport_error(TransportErrorKind::tls, "cannot set the expected IP address");
    }
  } else if (SSL_set1_host(ssl, host.c_str()) != 1) {
    return transport_error(TransportErrorKind::tls, "cannot set the expected host name");
  }
  return Done{};
}

std::optional<std::string> certificate_failure(SSL* ssl) {
  const long result = SSL_get_verify_result(ssl);
  if (result == X509_V_OK) return std::nullopt;
  return std::string(X509_verify_cert_error_string(result));
}

}  // namespace bigbrotr::utils
