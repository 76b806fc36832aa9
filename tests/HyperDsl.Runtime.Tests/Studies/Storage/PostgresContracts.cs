using HyperDsl.TestKit;

namespace HyperDsl.Runtime.Tests.Studies.Storage;

[Collection(PostgresTests.Name)]
public sealed class PostgresStudyStoreTests(PostgresServer server) : StudyStoreTests(server.NewDatabase());

[Collection(PostgresTests.Name)]
public sealed class PostgresStaleTrialTests(PostgresServer server) : StaleTrialTests(server.NewDatabase());

[Collection(PostgresTests.Name)]
public sealed class PostgresStudyVersionTests(PostgresServer server) : StudyVersionTests(server.NewDatabase());

[Collection(PostgresTests.Name)]
public sealed class PostgresWaitingTrialTests(PostgresServer server) : WaitingTrialTests(server.NewDatabase());

[Collection(PostgresTests.Name)]
public sealed class PostgresStoreConcurrencyTests(PostgresServer server) : StoreConcurrencyTests(server.NewDatabase());
