#include "models/schnorr.hpp"

#include <gtest/gtest.h>

#include <string_view>
#include <thread>
#include <vector>

#include "models/hex.hpp"

namespace bigbrotr::models {
namespace {

template <std::size_t N>
std::array<std::uint8_t, N> bytes(std::string_view hex) {
  std::array<std::uint8_t, N> out{};
  EXPECT_TRUE(decode_hex_any_case(hex, out)) << hex;
  return out;
}

// BIP-340 test vectors 0, 1 and 5 (bips/bip-0340/test-vectors.csv).
const auto kVector0Secret = bytes<32>("0000000000000000000000000000000000000000000000000000000000000003");
const auto kVector0Pubkey = bytes<32>("F9308A019258C31049344F85F89D5229B531C845836F99B08601F113BCE036F9");
const auto kVector0Message = bytes<32>("0000000000000000000000000000000000000000000000000000000000000000");
const auto kVector0Sig = bytes<64>(
    "E907831F80848D1069A5371B402410364BDF1C5F8307B0084C55F1CE2DCA8215"
    "25F66A4A85EA8B71E482A74F382D2CE5EBEEE8FDB2172F477DF4900D310536C0");
const auto kVector1Secret = bytes<32>("B7E151628AED2A6ABF7158809CF4F3C762E7160F38B4DA56A784D9045190CFEF");
const auto kVector1Pubkey = bytes<32>("DFF1D77F2A671C5F36183726DB2341BE58FEAE1DA2DECED843240F7B502BA659");
const auto kVector1Message = bytes<32>("243F6A8885A308D313198A2E03707344A4093822299F31D0082EFA98EC4E6C89");
const auto kVector1Sig = bytes<64>(
    "6896BD60EEAE296DB48A229FF71DFE071BDE413E6D43F917DC8DCF8C78DE3341"
    "8906D11AC976ABCCB20B091292BFF4EA897EFCB639EA871CFA95F6DE339E4B0A");
// Vector 5: a public key that is not the x coordinate of any curve point.
const auto kNotOnCurve = bytes<32>("EEFDEA4CDB677750A420FEE807EACF21EB9898AE79B9768766E4FAA04A2D4A34");
// The curve order n: the smallest secret that is too large.
const auto kCurveOrder = bytes<32>("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141");

TEST(Schnorr, VerifiesBip340Vectors) {
  EXPECT_TRUE(schnorr_verify(kVector0Sig, kVector0Message, kVector0Pubkey));
  EXPECT_TRUE(schnorr_verify(kVector1Sig, kVector1Message, kVector1Pubkey));
}

TEST(Schnorr, RejectsSignatureOfAnotherMessage) {
  EXPECT_FALSE(schnorr_verify(kVector0Sig, kVector1Message, kVector0Pubkey));
}

TEST(Schnorr, RejectsSignatureUnderAnotherKey) {
  EXPECT_FALSE(schnorr_verify(kVector1Sig, kVector1Message, kVector0Pubkey));
}

TEST(Schnorr, RejectsEveryFlippedSignatureBit) {
  for (std::size_t bit = 0; bit < kVector1Sig.size() * 8; bit += 7) {
    auto sig = kVector1Sig;
    sig[bit / 8] ^= static_cast<std::uint8_t>(1U << (bit % 8));
    EXPECT_FALSE(schnorr_verify(sig, kVector1Message, kVector1Pubkey)) << "bit " << bit;
  }
}

TEST(Schnorr, RejectsPublicKeyNotOnCurve) {
  EXPECT_FALSE(schnorr_verify(kVector1Sig, kVector1Message, kNotOnCurve));
}

TEST(Schnorr, RejectsAllZeroSignatureAndKey) {
  EXPECT_FALSE(schnorr_verify(SchnorrSignature{}, kVector1Message, XOnlyPublicKey{}));
  EXPECT_FALSE(schnorr_verify(SchnorrSignature{}, kVector1Message, kVector1Pubkey));
}

TEST(Schnorr, DerivesBip340PublicKeys) {
  EXPECT_EQ(derive_public_key(kVector0Secret), kVector0Pubkey);
  EXPECT_EQ(derive_public_key(kVector1Secret), kVector1Pubkey);
}

TEST(Schnorr, RejectsInvalidSecretKeys) {
  EXPECT_FALSE(derive_public_key(SecretKey{}).has_value());
  EXPECT_FALSE(derive_public_key(kCurveOrder).has_value());
  EXPECT_FALSE(schnorr_sign(kVector1Message, SecretKey{}).has_value());
  EXPECT_FALSE(schnorr_sign(kVector1Message, kCurveOrder).has_value());
}

TEST(Schnorr, SignThenVerifyRoundTrips) {
  const auto sig = schnorr_sign(kVector1Message, kVector1Secret);
  ASSERT_TRUE(sig.has_value());
  EXPECT_TRUE(schnorr_verify(*sig, kVector1Message, kVector1Pubkey));
  EXPECT_FALSE(schnorr_verify(*sig, kVector0Message, kVector1Pubkey));
}

TEST(Schnorr, SigningUsesFreshAuxiliaryRandomness) {
  // BIP-340 signatures are deterministic only for a fixed aux_rand; ours draws it anew.
  const auto first = schnorr_sign(kVector0Message, kVector0Secret);
  const auto second = schnorr_sign(kVector0Message, kVector0Secret);
  ASSERT_TRUE(first && second);
  EXPECT_NE(*first, *second);
  EXPECT_NE(*first, kVector0Sig);
  EXPECT_TRUE(schnorr_verify(*first, kVector0Message, kVector0Pubkey));
  EXPECT_TRUE(schnorr_verify(*second, kVector0Message, kVector0Pubkey));
}

TEST(Schnorr, VerifiesAndSignsFromManyThreads) {
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (std::size_t t = 0; t < failures.size(); ++t) {
    threads.emplace_back([&failures, t] {
      for (int i = 0; i < 50; ++i) {
        const auto sig = schnorr_sign(kVector1Message, kVector1Secret);
        if (!sig || !schnorr_verify(*sig, kVector1Message, kVector1Pubkey) ||
            !schnorr_verify(kVector0Sig, kVector0Message, kVector0Pubkey)) {
          ++failures[t];
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int count : failures) EXPECT_EQ(count, 0);
}

}  // namespace
}  // namespace bigbrotr::models
