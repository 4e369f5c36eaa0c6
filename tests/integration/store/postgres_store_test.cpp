// The conformance suite on PostgreSQL, directly and through PgBouncer in transaction mode
// (a fresh database per test), plus what only PostgreSQL has: partitions, roles and
// grants, flavours, idempotent scripts.
#include <chrono>

#include "postgres_test_support.hpp"
#include "store_conformance.hpp"

namespace bigbrotr::testing {
namespace {

using core::DatabaseFlavour;
using core::store::postgres::PostgresStore;

const auto* const kEnvironment = ::testing::AddGlobalTestEnvironment(new PostgresServerEnvironment);

StoreBackend postgres_backend(std::string name, bool through_bouncer) {
  auto last = std::make_shared<std::string>();
  return StoreBackend{std::move(name),
                      [last, through_bouncer](DatabaseFlavour) -> std::unique_ptr<core::store::Store> {
                        *last = create_test_database();
                        return open_test_store(*last, through_bouncer);
                      },
                      [last, through_bouncer]() -> std::unique_ptr<core::store::Store> {
                        return open_test_store(*last, through_bouncer);
                      }};
}

INSTANTIATE_TEST_SUITE_P(PostgreSQL, StoreConformance,
                         ::testing::Values(postgres_backend("postgresql", false)), StoreBackendName());
INSTANTIATE_TEST_SUITE_P(PgBouncer, StoreConformance, ::testing::Values(postgres_backend("pgbouncer", true)),
                         StoreBackendName());

class PostgresStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    database_ = create_test_database();
    store_ = open_test_store(database_);
    store_->init(DatabaseFlavour::bigbrotr);
  }
  std::string sql(const std::string& statement) { return postgres_server().execute(database_, statement); }

  std::string database_;
  std::unique_ptr<PostgresStore> store_;
};

TEST_F(PostgresStoreTest, PartitionsEventsAndJunctionsSixteenWays) {
  EXPECT_EQ(sql("SELECT count(*) FROM pg_inherits WHERE inhparent = 'event'::regclass"), "16");
  EXPECT_EQ(sql("SELECT count(*) FROM pg_inherits WHERE inhparent = 'event_relay'::regclass"), "16");
  EXPECT_EQ(sql("SELECT pg_get_partkeydef('event_relay'::regclass)"), "HASH (event_id)");
}

TEST_F(PostgresStoreTest, KeysJunctionsOnTheRelayId) {
  EXPECT_EQ(sql("SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
                "WHERE attrelid = 'event_relay'::regclass AND attname = 'relay_id'"),
            "integer");
  EXPECT_EQ(sql("SELECT pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid = 'relay_metadata'::regclass AND contype = 'p'"),
            "PRIMARY KEY (relay_id, generated_at, metadata_type)");
  const auto relay = make_relay("wss://ids.example");
  store_->insert_events(std::vector{seen_on(make_event(1700000000, 1), relay, 5)});
  EXPECT_EQ(sql("SELECT relay_url FROM event_relay_url"), "wss://ids.example");
}

TEST_F(PostgresStoreTest, RefillingKnownRelaysDrawsNoIds) {
  const auto relay = make_relay("wss://sequence.example");
  for (int i = 0; i < 5; ++i)
    store_->insert_events(std::vector{seen_on(make_event(1700000000 + i, 1), relay, 5)});
  store_->insert_relays(std::vector{relay});
  store_->insert_relays(std::vector{make_relay("wss://second.example")});
  EXPECT_EQ(sql("SELECT max(id) FROM relay"), "2");
}

TEST_F(PostgresStoreTest, CreatesRolesWithTheirGrants) {
  for (const char* role : {"writer", "reader", "refresher"}) {
    EXPECT_EQ(sql(std::string("SELECT count(*) FROM pg_roles WHERE rolname = '") + role + "'"), "1") << role;
  }
  EXPECT_EQ(
      sql("SELECT count(*) FROM pg_matviews WHERE schemaname = 'public' AND matviewowner = 'refresher'"),
      "15");
  EXPECT_EQ(sql("SELECT pg_has_role('reader', 'pg_monitor', 'MEMBER')"), "t");
  EXPECT_NO_THROW(
      sql("BEGIN; SET LOCAL ROLE writer; "
          "SELECT relay_insert(ARRAY['wss://writer.example'], ARRAY['clearnet'], ARRAY[1::bigint]); "
          "INSERT INTO service_state VALUES ('seeder', 'checkpoint', 'k', '{}'); COMMIT"));
  EXPECT_EQ(sql("SELECT count(*) FROM relay WHERE url = 'wss://writer.example'"), "1");
  EXPECT_THROW(sql("BEGIN; SET LOCAL ROLE reader; INSERT INTO relay (url, network, discovered_at) "
                   "VALUES ('wss://reader.example', 'clearnet', 1); COMMIT"),
               std::runtime_error);
  EXPECT_EQ(sql("BEGIN; SET LOCAL ROLE reader; SELECT count(*) FROM relay"), "1");
  EXPECT_NO_THROW(sql("BEGIN; SET LOCAL ROLE refresher; SELECT all_statistics_refresh(); COMMIT"));
}

TEST_F(PostgresStoreTest, ApplyingTheScriptsAgainChangesNothing) {
  const std::string catalog =
      "SELECT count(*) || '/' || (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = "
      "p.pronamespace "
      "WHERE n.nspname = 'public') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE n.nspname = 'public'";
  store_->insert_relays(std::vector{make_relay("wss://kept.example")});
  const std::string before = sql(catalog);
  store_->apply_schema_scripts(DatabaseFlavour::bigbrotr);
  store_->apply_schema_scripts(DatabaseFlavour::bigbrotr);
  EXPECT_EQ(sql(catalog), before);
  EXPECT_EQ(store_->counts().relays, 1);
  const auto again = store_->init(DatabaseFlavour::bigbrotr);
  EXPECT_FALSE(again.created);
  EXPECT_FALSE(again.upgraded);
  EXPECT_EQ(sql("SELECT count(*) FROM schema_info"), "1");
}

TEST_F(PostgresStoreTest, RefusesToSwitchFlavour) {
  try {
    store_->init(DatabaseFlavour::lilbrotr);
    ADD_FAILURE() << "a bigbrotr schema must not become lilbrotr";
  } catch (const core::store::StoreError& error) {
    EXPECT_FALSE(error.transient());
    EXPECT_NE(std::string(error.what()).find("bigbrotr"), std::string::npos) << error.what();
  }
}

TEST_F(PostgresStoreTest, UpgradesAVersionOneSchemaToTheClientDerivedTagValues) {
  // Version 1's staging table had no tagvalues column: the COPY of this program fails
  // unless init re-applies the scripts.
  sql("CREATE OR REPLACE FUNCTION event_relay_stage_create() RETURNS VOID LANGUAGE plpgsql AS $$ BEGIN "
      "CREATE TEMP TABLE IF NOT EXISTS event_relay_stage (event_id BYTEA NOT NULL, pubkey BYTEA NOT NULL, "
      "created_at BIGINT NOT NULL, kind INTEGER NOT NULL, tags JSONB, content TEXT, sig BYTEA, "
      "relay_url TEXT NOT NULL, relay_network TEXT NOT NULL, relay_discovered_at BIGINT NOT NULL, "
      "seen_at BIGINT NOT NULL) ON COMMIT DROP; END $$");
  sql("UPDATE schema_info SET version = 1");
  const auto status = store_->init(DatabaseFlavour::bigbrotr);
  EXPECT_TRUE(status.upgraded);
  EXPECT_EQ(store_->schema_version(), 4);
  const auto event = make_event(1700000000, 1, {{"e", "ab"}});
  EXPECT_EQ(store_->insert_events(std::vector{seen_on(event, make_relay("wss://upgrade.example"), 9)}), 1U);
  EXPECT_EQ(sql("SELECT array_to_string(tagvalues, ',') FROM event"), "e:ab");
}

TEST_F(PostgresStoreTest, UpgradesAVersionThreeSchemaWithTheRelayDirectory) {
  sql("DROP MATERIALIZED VIEW relay_directory");
  sql("UPDATE schema_info SET version = 3");
  EXPECT_TRUE(store_->init(DatabaseFlavour::bigbrotr).upgraded);
  EXPECT_EQ(sql("SELECT count(*) FROM pg_matviews WHERE matviewname = 'relay_directory'"), "1");
  EXPECT_NO_THROW(store_->refresh_view("relay_directory"));
}

core::DatabaseRole login_role(std::string user, std::optional<std::string> password_env = std::nullopt) {
  core::DatabaseRole role;
  role.user = std::move(user);
  role.password_env = std::move(password_env);
  return role;
}

// database.roles: the refresher logs in as the views' owner and may refresh them; a
// service without a role keeps the URL's login. The roles are the schema's, given LOGIN as
// a deployment does (the test server trusts loopback logins).
TEST_F(PostgresStoreTest, EachServiceConnectsWithItsRole) {
  sql("ALTER ROLE refresher LOGIN");
  sql("ALTER ROLE writer LOGIN");
  core::StorageConfig config = test_storage_config(database_, false);
  config.database.roles[models::ServiceName::refresher] = login_role("refresher");
  config.database.roles[models::ServiceName::monitor] = login_role("writer");
  PostgresStore refresher(config, quiet_logger(), models::ServiceName::refresher);
  EXPECT_NO_THROW(refresher.refresh_view("relay_uptime"));
  PostgresStore monitor(config, quiet_logger(), models::ServiceName::monitor);
  EXPECT_THROW(monitor.refresh_view("relay_uptime"), core::store::StoreError);  // not the owner
  EXPECT_EQ(monitor.insert_relays(std::vector{make_relay("wss://writer-role.example")}), 1u);
  EXPECT_EQ(sql("SELECT string_agg(DISTINCT usename, ',' ORDER BY usename) FROM pg_stat_activity "
                "WHERE datname = current_database() AND usename IN ('refresher', 'writer')"),
            "refresher,writer");
  // A role whose password variable is unset stops only the service that uses it.
  config.database.roles[models::ServiceName::api] = login_role("reader", "BIGBROTR_TEST_UNSET_PASSWORD");
  EXPECT_THROW(PostgresStore(config, quiet_logger(), models::ServiceName::api), core::ConfigError);
}

TEST_F(PostgresStoreTest, StoresTheTagValuesThatTheSqlFunctionDerives) {
  // The client derives tagvalues (models::tag_values_index); tags_to_tagvalues is the rule.
  const auto event = make_event(1700000000, 1,
                                {{"e", "ab"},
                                 {"\xc3\xa9", "one character, two bytes"},
                                 {"\xf0\x9f\x99\x82", "four bytes"},
                                 {"ab", "two characters"},
                                 {"t"},
                                 {"", "no name"},
                                 {"p", "quote\" backslash\\ comma, {braces}", "hint"},
                                 {"x", "tab\there\nnewline"}});
  ASSERT_EQ(store_->insert_events(std::vector{seen_on(event, make_relay("wss://tags.example"), 9)}), 1U);
  EXPECT_EQ(sql("SELECT (tagvalues = tags_to_tagvalues(tags))::text FROM event"), "true");
  EXPECT_EQ(sql("SELECT array_length(tagvalues, 1) FROM event"), "5");
}

TEST(PostgresLilbrotr, KeepsOnlyTheIndexedFields) {
  const std::string database = create_test_database();
  auto store = open_test_store(database);
  EXPECT_TRUE(store->init(DatabaseFlavour::lilbrotr).created);
  EXPECT_EQ(store->flavour(), DatabaseFlavour::lilbrotr);
  const auto event = make_event(1700000000, 1, {{"e", "abc"}, {"relay", "x"}}, "secret content");
  EXPECT_EQ(store->insert_events(std::vector{seen_on(event, make_relay("wss://lil.example"), 9)}), 1U);
  auto& server = postgres_server();
  EXPECT_EQ(
      server.execute(database, "SELECT (tags IS NULL AND content IS NULL AND sig IS NULL)::text FROM event"),
      "true");
  EXPECT_EQ(server.execute(database, "SELECT array_to_string(tagvalues, ',') FROM event"), "e:abc");
  EXPECT_EQ(server.execute(database,
                           "SELECT attnotnull::text FROM pg_attribute "
                           "WHERE attrelid = 'event'::regclass AND attname = 'content'"),
            "false");
}

TEST(PostgresStoreSession, NamesItsConnectionsAfterTheService) {
  const std::string database = create_test_database();
  auto store = open_test_store(database, false, models::ServiceName::monitor);
  store->init(DatabaseFlavour::bigbrotr);
  EXPECT_EQ(
      postgres_server().execute(database,
                                "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'monitor' "
                                "AND datname = current_database()"),
      "1");
}

TEST(PostgresStoreBulk, InsertsEventsByCopyInBatches) {
  const std::string database = create_test_database();
  auto config = test_storage_config(database, false);
  config.batch_max_size = 1000;
  PostgresStore store(config, quiet_logger(), models::ServiceName::synchronizer);
  store.init(DatabaseFlavour::bigbrotr);
  const auto first = make_relay("wss://bulk-one.example");
  const auto second = make_relay("wss://bulk-two.example");
  std::vector<models::EventRelay> observations;
  constexpr int kEvents = 5000;
  for (int i = 0; i < kEvents; ++i) {
    const auto event = make_event(1700000000 + i, 1, {{"t", "bulk"}, {"p", std::string(64, 'a')}},
                                  "line\twith\\escapes\nand \"quotes\" " + std::to_string(i));
    observations.push_back(seen_on(event, i % 2 == 0 ? first : second, 1700000000 + i));
    if (i % 10 == 0) observations.push_back(seen_on(event, second, 1700000000 + i));
  }
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(store.insert_events(observations), observations.size());
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  RecordProperty("rows_per_second", static_cast<int>(observations.size() / seconds));
  std::cout << "[ bulk     ] " << observations.size() << " event_relay rows in " << seconds << " s ("
            << static_cast<int>(observations.size() / seconds) << " rows/s)\n";
  EXPECT_EQ(store.counts().events, kEvents);
  EXPECT_EQ(store.insert_events(observations), 0U);  // all duplicates
  const auto back = store.read_rows("event", 1);
  ASSERT_EQ(back.size(), 1U);
  EXPECT_NE(std::string(back[0].at("content").as_string()).find("line\twith\\escapes\n"), std::string::npos);
}

}  // namespace
}  // namespace bigbrotr::testing
