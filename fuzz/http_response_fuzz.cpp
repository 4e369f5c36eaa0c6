// An HTTP server's answer as http_client.cpp reads it: Beast's response_parser over the
// byte stream, with the client's header and body limits. The first input byte sets how
// many bytes each read returns, so heads and chunked bodies arrive split at every place.
// Oracle: a response that parses never holds more body than the limit allows.
#include <boost/asio/io_context.hpp>
#include <boost/beast/_experimental/test/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

namespace beast = boost::beast;
namespace http = beast::http;

// Mirrors http_client.cpp: kMaxHeaderBytes there is private, and the body limit is
// HttpRequestOptions::max_body_size's default (callers pass smaller or equal ones).
constexpr std::uint32_t kMaxHeaderBytes = 64 * 1024;
constexpr std::size_t kMaxBodyBytes = std::size_t{1024} * 1024;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  boost::asio::io_context io;
  beast::test::stream server_bytes(io, std::string_view(reinterpret_cast<const char*>(data + 1), size - 1));
  server_bytes.read_size(std::size_t{data[0]} + 1);
  server_bytes.close_remote();

  http::response_parser<http::string_body> parser;
  parser.body_limit(kMaxBodyBytes);
  parser.header_limit(kMaxHeaderBytes);
  beast::flat_buffer buffer;
  beast::error_code ec;
  http::read(server_bytes, buffer, parser, ec);
  if (ec) return 0;
  auto message = parser.release();
  if (message.body().size() > kMaxBodyBytes) std::abort();
  // What http_client.cpp keeps of the head.
  std::vector<std::pair<std::string, std::string>> headers;
  for (const auto& field : message) headers.emplace_back(field.name_string(), field.value());
  (void)message.result_int();
  return 0;
}
