namespace HyperDsl.Runtime.Tests.Studies.Storage;

public sealed class SqliteStudyStoreTests() : StudyStoreTests(new SqliteBackend());

public sealed class SqliteStaleTrialTests() : StaleTrialTests(new SqliteBackend());

public sealed class SqliteStudyVersionTests() : StudyVersionTests(new SqliteBackend());

public sealed class SqliteWaitingTrialTests() : WaitingTrialTests(new SqliteBackend());

public sealed class SqliteStoreConcurrencyTests() : StoreConcurrencyTests(new SqliteBackend());
