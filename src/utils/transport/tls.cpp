#include "utils/transport/tls.hpp"

#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include "models/ip_literal.hpp"

namespace bigbrotr::utils {

namespace ssl = boost::asio::ssl;

TransportResult<std::shared_ptr<ssl::context>> make_tls_context(bool verify,
                                                                const std::string& extra_ca_file) {
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
