#include "nips/nip66/nip66_ssl.hpp"

#include <openssl/ssl.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <memory>
#include <optional>
#include <tuple>

#include "nips/nip66/clearnet_only.hpp"
#include "nips/nip66/x509_fields.hpp"
#include "nips/within_timeout.hpp"
#include "utils/transport/dial.hpp"
#include "utils/transport/io_error.hpp"
#include "utils/transport/tls.hpp"

namespace bigbrotr::nips {
namespace {

namespace asio = boost::asio;
using TlsStream = asio::ssl::stream<asio::ip::tcp::socket>;
constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);

struct FreeX509 {
  void operator()(X509* certificate) const noexcept { X509_free(certificate); }
};

// What one handshake gave: the connected stream, or why there is none. The context
// lives as long as the stream that uses it.
struct Handshake {
  std::shared_ptr<asio::ssl::context> context;
  std::unique_ptr<TlsStream> stream;
  std::optional<utils::TransportError> failure;
};

// Dials host:port through the guarded path and runs one TLS handshake on that socket.
asio::awaitable<Handshake> handshake(const models::Relay& relay, std::uint16_t port,
                                     const SslCheckOptions& options, bool verify) {
  Handshake out;
  auto context = utils::make_tls_context(verify, options.transport.extra_ca_file);
  if (!context) {
    out.failure = context.error();
    co_return out;
  }
  out.context = context.value();
  utils::TransportOptions transport = options.transport;
  transport.proxy.reset();
  transport.connect_timeout = std::min(transport.connect_timeout, options.timeout);
  auto socket = co_await utils::dial(relay.host(), port, transport);
  if (!socket) {
    out.failure = socket.error();
    co_return out;
  }
  auto stream = std::make_unique<TlsStream>(std::move(socket.value()), *out.context);
  auto prepared = utils::prepare_tls_session(stream->native_handle(), relay.host(), verify);
  if (!prepared) {
    out.failure = prepared.error();
    co_return out;
  }
  auto done = co_await within_timeout(std::min(transport.handshake_timeout, options.timeout),
                                      stream->async_handshake(asio::ssl::stream_base::client, kNoThrow));
  if (!done) {
    out.failure = utils::transport_error(utils::TransportErrorKind::tls, "handshake timed out");
  } else if (const auto [ec] = *done; ec) {
    out.failure = utils::tls_handshake_error(ec);
  } else {
    out.stream = std::move(stream);
  }
  co_return out;
}

boost::json::object read_certificate(SSL* ssl) {
  std::unique_ptr<X509, FreeX509> certificate(SSL_get1_peer_certificate(ssl));
  boost::json::object data = certificate_fields(certificate.get());
  if (data.empty()) return data;
  if (const char* protocol = SSL_get_version(ssl)) data["ssl_protocol"] = protocol;
  if (const SSL_CIPHER* cipher = SSL_get_current_cipher(ssl)) {
    data["ssl_cipher"] = SSL_CIPHER_get_name(cipher);
    data["ssl_cipher_bits"] = static_cast<std::int64_t>(SSL_CIPHER_get_bits(cipher, nullptr));
  }
  return data;
}

}  // namespace

asio::awaitable<CheckResult> check_ssl(models::Relay relay, SslCheckOptions options) {
  if (auto refused = require_clearnet(relay)) co_return *refused;
  const std::uint16_t port = relay.port().value_or(443);
  Handshake unverified = co_await handshake(relay, port, options, /*verify=*/false);
  if (!unverified.stream) co_return CheckResult::failure(unverified.failure->reason);
  boost::json::object data = read_certificate(unverified.stream->native_handle());
  unverified.stream.reset();
  if (data.empty()) co_return CheckResult::failure("no certificate data extracted");
  const Handshake verified = co_await handshake(relay, port, options, /*verify=*/true);
  data["ssl_valid"] = verified.stream != nullptr;
  co_return CheckResult::success(std::move(data));
}

}  // namespace bigbrotr::nips
