#include "core/config/interpolation.hpp"

#include <gtest/gtest.h>

#include "core/config/config_error.hpp"

namespace bigbrotr::core {
namespace {

const ValueOrigin kOrigin{"brotr.yaml", "database.url"};
const EnvLookup kEnv = fixed_environment({{"USER", "writer"}, {"EMPTY", ""}, {"PASS", "s3cret"}});

TEST(Interpolation, LeavesPlainTextUnchanged) {
  EXPECT_EQ(interpolate("sqlite:./data/bigbrotr.db", kEnv, kOrigin), "sqlite:./data/bigbrotr.db");
  EXPECT_EQ(interpolate("", kEnv, kOrigin), "");
}

TEST(Interpolation, ReplacesASetVariable) { EXPECT_EQ(interpolate("${USER}", kEnv, kOrigin), "writer"); }

TEST(Interpolation, ReplacesVariablesInsideALongerString) {
  EXPECT_EQ(interpolate("postgresql://${USER}:${PASS}@db:5432/bigbrotr", kEnv, kOrigin),
            "postgresql://writer:s3cret@db:5432/bigbrotr");
}

TEST(Interpolation, UsesTheDefaultWhenTheVariableIsUnset) {
  EXPECT_EQ(interpolate("${MISSING:-8000}", kEnv, kOrigin), "8000");
  EXPECT_EQ(interpolate("host=${MISSING:-localhost} port=5432", kEnv, kOrigin), "host=localhost port=5432");
}

TEST(Interpolation, UsesTheDefaultWhenTheVariableIsEmpty) {
  EXPECT_EQ(interpolate("${EMPTY:-fallback}", kEnv, kOrigin), "fallback");
}

TEST(Interpolation, PrefersTheValueOverTheDefault) {
  EXPECT_EQ(interpolate("${USER:-nobody}", kEnv, kOrigin), "writer");
}

TEST(Interpolation, AcceptsAnEmptyDefault) { EXPECT_EQ(interpolate("a${MISSING:-}b", kEnv, kOrigin), "ab"); }

TEST(Interpolation, ASetButEmptyVariableWithoutDefaultIsEmpty) {
  EXPECT_EQ(interpolate("[${EMPTY}]", kEnv, kOrigin), "[]");
}

TEST(Interpolation, UnsetVariableWithoutDefaultNamesKeyAndVariable) {
  try {
    interpolate("postgresql://writer:${DB_WRITER_PASSWORD}@db/bigbrotr", kEnv, kOrigin);
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.file(), "brotr.yaml");
    EXPECT_EQ(e.key_path(), "database.url");
    EXPECT_EQ(e.rule(), "environment variable DB_WRITER_PASSWORD is not set");
  }
}

TEST(Interpolation, DoubleDollarIsALiteralDollar) {
  EXPECT_EQ(interpolate("price: $$5", kEnv, kOrigin), "price: $5");
  EXPECT_EQ(interpolate("$${USER}", kEnv, kOrigin), "${USER}");
  EXPECT_EQ(interpolate("$$$$", kEnv, kOrigin), "$$");
}

TEST(Interpolation, ALoneDollarIsKept) {
  EXPECT_EQ(interpolate("cost $5 and $", kEnv, kOrigin), "cost $5 and $");
  EXPECT_EQ(interpolate("data.relays[*].url | $x", kEnv, kOrigin), "data.relays[*].url | $x");
}

TEST(Interpolation, DefaultIsNotExpandedAgain) {
  EXPECT_EQ(interpolate("${MISSING:-$USER}", kEnv, kOrigin), "$USER");
}

TEST(Interpolation, RejectsAnUnterminatedReference) {
  EXPECT_THROW(interpolate("${USER", kEnv, kOrigin), ConfigError);
  EXPECT_THROW(interpolate("abc ${", kEnv, kOrigin), ConfigError);
}

TEST(Interpolation, RejectsInvalidVariableNames) {
  EXPECT_THROW(interpolate("${}", kEnv, kOrigin), ConfigError);
  EXPECT_THROW(interpolate("${1ABC}", kEnv, kOrigin), ConfigError);
  EXPECT_THROW(interpolate("${A-B}", kEnv, kOrigin), ConfigError);
  EXPECT_THROW(interpolate("${:-x}", kEnv, kOrigin), ConfigError);
}

TEST(Interpolation, ErrorMessageDoesNotContainOtherVariablesValues) {
  try {
    interpolate("${PASS}${MISSING}", kEnv, kOrigin);
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()).find("s3cret"), std::string::npos);
  }
}

}  // namespace
}  // namespace bigbrotr::core
