#include "utils/transport/io_error.hpp"

#include <fmt/format.h>
#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/websocket/error.hpp>

namespace bigbrotr::utils {

TransportError io_error(const boost::system::error_code& ec, std::string_view during) {
  namespace asio = boost::asio;
  namespace beast = boost::beast;
  const std::string detail = fmt::format("{} failed: {}", during, ec.message());
  if (ec == beast::error::timeout || ec == asio::error::timed_out) {
    return transport_error(TransportErrorKind::timeout, fmt::format("{} timed out", during));
  }
  if (ec == beast::websocket::error::message_too_big || ec == beast::http::error::body_limit ||
      ec == beast::http::error::buffer_overflow || ec == beast::http::error::header_limit) {
    return transport_error(TransportErrorKind::too_large, detail);
  }
  if (ec == beast::websocket::error::closed) return transport_error(TransportErrorKind::closed, detail);
  if (ec.category() == beast::websocket::make_error_code(beast::websocket::error::closed).category() ||
      ec.category() == beast::http::make_error_code(beast::http::error::end_of_stream).category()) {
    return transport_error(TransportErrorKind::protocol, detail);
  }
  if (ec.category() == asio::error::get_ssl_category() ||
      ec.category() == asio::ssl::error::get_stream_category()) {
    return transport_error(TransportErrorKind::tls, detail);
  }
  if (ec == asio::error::connection_refused) return transport_error(TransportErrorKind::refused, detail);
  return transport_error(TransportErrorKind::connection, detail);
}

TransportError tls_handshake_error(const boost::system::error_code& ec) {
  TransportError error = io_error(ec, "tls handshake");
  if (error.kind == TransportErrorKind::timeout) return error;
  return transport_error(TransportErrorKind::tls, "handshake failed: " + ec.message());
}

}  // namespace bigbrotr::utils
