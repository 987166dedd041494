/**
 * One store contract over both stores. A repository has a Postgres (Panache) and a SQLite
 * (SqlTemplate) adapter; its contract test runs every behaviour against both, in one Quarkus app
 * that has both wired: Postgres as the active store, and a real SQLite file beside it.
 *
 * <p>How to write one:
 *
 * <pre>{@code
 * @QuarkusTest
 * @TestProfile(StoreContractProfile.class)   // Postgres + Kafka + a fresh SQLite file
 * class EventLogStoreContractTest {
 *   @Inject PostgresEventLogStore postgres;
 *   @Inject SqliteEventLogStore sqlite;
 *
 *   @StoreContract                            // runs once per StoreKind, named "POSTGRES"/"SQLITE"
 *   void appendedEventsComeBack(StoreKind kind) throws Throwable {
 *     EventLogStore store = kind.pick(postgres, sqlite);
 *     StoreContracts.await(() -> store.append(event));
 *   }
 * }
 * }</pre>
 *
 * A service that needs more test resources extends {@link
 * dev.modelmanager.testkit.store.StoreContractProfile} and overrides {@code moreResources()}.
 */
package dev.modelmanager.testkit.store;
