#include "core/catalog/catalog_sql.hpp"

#include <gtest/gtest.h>

namespace bigbrotr::core::catalog {
namespace {

CatalogTable table() {
  return CatalogTable{"relay_uptime",
                      true,
                      {{"relay_url", ColumnKind::text, false},
                       {"uptime_24h", ColumnKind::real, true},
                       {"checked_at", ColumnKind::integer, false}},
                      {"relay_url"}};
}

CatalogQuery query(std::string_view text) {
  auto parsed = parse_catalog_query(table(), text, PageLimits{});
  if (!parsed) throw std::logic_error(parsed.error().reason);
  return std::move(parsed).value();
}

TEST(CatalogSql, SqliteStatementsBindEveryValue) {
  const CatalogSql sql =
      build_catalog_sql(table(), query("checked_at=ge:100&relay_url=prefix:wss%3A%2F%2Fa_b%25&sort=uptime_24h:desc"),
                        SqlDialect::sqlite);
  EXPECT_EQ(sql.count,
            R"(SELECT count(*) FROM "relay_uptime" WHERE "checked_at" >= ?1 AND lower("relay_url") LIKE lower(?2) ESCAPE '\')");
  EXPECT_EQ(sql.page,
            R"(SELECT "relay_url", "uptime_24h", "checked_at" FROM "relay_uptime" WHERE "checked_at" >= ?1 AND )"
            R"(lower("relay_url") LIKE lower(?2) ESCAPE '\' ORDER BY "uptime_24h" DESC NULLS LAST, "relay_url" )"
            R"(LIMIT ?3 OFFSET ?4)");
  ASSERT_EQ(sql.parameters.size(), 2u);
  EXPECT_EQ(sql.parameters[0].kind, ColumnKind::integer);
  EXPECT_EQ(sql.parameters[0].text, "100");
  EXPECT_EQ(sql.parameters[1].text, R"(wss://a\_b\%%)");
}

TEST(CatalogSql, PostgresqlCastsParametersToTheColumnType) {
  const CatalogSql sql = build_catalog_sql(table(), query("uptime_24h=gt:0.5"), SqlDialect::postgresql);
  EXPECT_EQ(sql.count, R"(SELECT count(*) FROM "relay_uptime" WHERE "uptime_24h" > $1::float8)");
  EXPECT_EQ(sql.page, R"(SELECT "relay_url", "uptime_24h", "checked_at" FROM "relay_uptime" WHERE "uptime_24h" > )"
                      R"($1::float8 ORDER BY "relay_url" LIMIT $2::bigint OFFSET $3::bigint)");
}

TEST(CatalogSql, ContainsMatchesASubstringAndASourceReplacesTheTable) {
  CatalogTable directory = table();
  directory.source = "(SELECT 1) AS relays";
  const CatalogSql sql = build_catalog_sql(directory, query("relay_url=contains:a%25b"), SqlDialect::sqlite);
  EXPECT_EQ(sql.count, R"(SELECT count(*) FROM (SELECT 1) AS relays WHERE lower("relay_url") LIKE lower(?1) ESCAPE '\')");
  ASSERT_EQ(sql.parameters.size(), 1u);
  EXPECT_EQ(sql.parameters[0].text, R"(%a\%b%)");
}

TEST(CatalogSql, IdentifiersAreQuoted) {
  EXPECT_EQ(quote_identifier("a\"b"), "\"a\"\"b\"");
}

}  // namespace
}  // namespace bigbrotr::core::catalog
