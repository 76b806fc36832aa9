using HyperDsl.TestKit;

namespace HyperDsl.Runtime.Tests.Studies.Storage;

/// <summary>The test classes that share one <see cref="PostgresServer"/>, started before the first and stopped after the last.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresTests : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL server";
}
