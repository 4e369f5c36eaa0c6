#include "core/http/http_routes.hpp"

namespace bigbrotr::core {
namespace {

std::string_view reason_phrase(unsigned status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 413:
      return "Content Too Large";
    case 414:
      return "URI Too Long";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return "Error";
  }
}

}  // namespace

HttpResponse plain_http_error(unsigned status) {
  HttpResponse response;
  response.status = status;
  response.body = std::string(reason_phrase(status)) + "\n";
  return response;
}

void HttpRoutes::get(std::string path, HttpHandler handler) {
  handlers_[std::move(path)] = std::move(handler);
}

HttpResponse HttpRoutes::answer(const HttpRequestHead& head, std::size_t max_target_length) const {
  if (head.target.size() > max_target_length) return plain_http_error(414);
  if (head.has_body) return plain_http_error(413);
  // Origin form only: an absolute URL or "*" names no path of ours.
  if (!head.target.starts_with('/')) return plain_http_error(400);
  const auto question = head.target.find('?');
  const HttpRequest request{head.target.substr(0, question), question == std::string_view::npos
                                                                 ? std::string_view{}
                                                                 : head.target.substr(question + 1)};
  const auto handler = handlers_.find(std::string(request.path));
  if (handler == handlers_.end()) return plain_http_error(404);
  if (head.method != "GET" && head.method != "HEAD") {
    HttpResponse response = plain_http_error(405);
    response.headers.emplace_back("Allow", "GET, HEAD");
    return response;
  }
  try {
    return handler->second(request);
  } catch (...) {
    // The server thread must outlive any handler's failure.
    return plain_http_error(500);
  }
}

}  // namespace bigbrotr::core
