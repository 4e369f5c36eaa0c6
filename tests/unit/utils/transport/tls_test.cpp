#include "utils/transport/tls.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

namespace bigbrotr::utils {
namespace {

TEST(TlsContext, SameArgumentsShareOneContext) {
  const auto first = make_tls_context(true, "");
  const auto second = make_tls_context(true, "");
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first.value().get(), second.value().get());
}

TEST(TlsContext, VerifiedAndUnverifiedContextsDiffer) {
  const auto verified = make_tls_context(true, "");
  const auto unverified = make_tls_context(false, "");
  ASSERT_TRUE(verified && unverified);
  EXPECT_NE(verified.value().get(), unverified.value().get());
  EXPECT_EQ(SSL_CTX_get_verify_mode(verified.value()->native_handle()), SSL_VERIFY_PEER);
  EXPECT_EQ(SSL_CTX_get_verify_mode(unverified.value()->native_handle()), SSL_VERIFY_NONE);
}

TEST(TlsContext, UnverifiedContextIgnoresTheCaFile) {
  const auto plain = make_tls_context(false, "");
  const auto with_file = make_tls_context(false, "/nonexistent/ca.pem");
  ASSERT_TRUE(plain && with_file);
  EXPECT_EQ(plain.value().get(), with_file.value().get());
}

TEST(TlsContext, MissingCaFileFailsEveryTime) {
  const std::string missing = "/nonexistent/bigbrotr-test-ca.pem";
  for (int attempt = 0; attempt < 2; ++attempt) {
    const auto context = make_tls_context(true, missing);
    ASSERT_FALSE(context);
    EXPECT_EQ(context.error().kind, TransportErrorKind::tls);
  }
}

TEST(TlsContext, CaFileFixedLaterIsRead) {
  const auto path = std::filesystem::temp_directory_path() / "bigbrotr-tls-test-ca.pem";
  std::filesystem::remove(path);
  { std::ofstream(path) << "not a certificate\n"; }
  EXPECT_FALSE(make_tls_context(true, path.string()));
  // A real CA from the system bundle, written over the broken one.
  std::filesystem::copy_file("/etc/ssl/certs/ca-certificates.crt", path,
                             std::filesystem::copy_options::overwrite_existing);
  std::filesystem::last_write_time(path,
                                   std::filesystem::file_time_type::clock::now() + std::chrono::seconds(1));
  EXPECT_TRUE(make_tls_context(true, path.string()));
  std::filesystem::remove(path);
}

TEST(TlsContext, ThreadsAskingAtOnceAllGetAWorkingContext) {
  constexpr int kThreads = 8;
  std::vector<std::thread> threads;
  std::vector<int> ok(kThreads, 0);
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([i, &ok] {
      for (int round = 0; round < 20; ++round) {
        const auto context = make_tls_context(round % 2 == 0, "");
        if (!context) return;
        SSL* ssl = SSL_new(context.value()->native_handle());
        if (ssl == nullptr) return;
        SSL_free(ssl);
      }
      ok[i] = 1;
    });
  }
  for (auto& thread : threads) thread.join();
  for (int i = 0; i < kThreads; ++i) EXPECT_EQ(ok[i], 1) << "thread " << i;
}

}  // namespace
}  // namespace bigbrotr::utils
