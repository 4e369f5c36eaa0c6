#include "models/sha256.hpp"

#include <openssl/evp.h>

#include <memory>
#include <stdexcept>

namespace bigbrotr::models {
namespace {

// OpenSSL 3 looks an algorithm up by name on every implicit use; fetching it once
// avoids that cost per event.
const EVP_MD* sha256_algorithm() {
  static const EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  if (md == nullptr) throw std::runtime_error("OpenSSL has no SHA256");
  return md;
}

struct ContextDeleter {
  void operator()(EVP_MD_CTX* ctx) const noexcept { EVP_MD_CTX_free(ctx); }
};

EVP_MD_CTX* thread_context() {
  thread_local std::unique_ptr<EVP_MD_CTX, ContextDeleter> ctx(EVP_MD_CTX_new());
  if (!ctx) throw std::runtime_error("EVP_MD_CTX_new failed");
  return ctx.get();
}

}  // namespace

Sha256Digest sha256(std::string_view data) {
  Sha256Digest digest{};
  EVP_MD_CTX* ctx = thread_context();
  unsigned int length = 0;
  if (EVP_DigestInit_ex(ctx, sha256_algorithm(), nullptr) != 1 ||
      EVP_DigestUpdate(ctx, data.data(), data.size()) != 1 ||
      EVP_DigestFinal_ex(ctx, digest.data(), &length) != 1 || length != digest.size()) {
    throw std::runtime_error("SHA-256 computation failed");
  }
  return digest;
}

}  // namespace bigbrotr::models
