namespace HyperDsl.Compiler.Catalog;

/// <summary>
/// How generated code makes an entry's runtime object: <c>new Type(Name: value, ...)</c>, each
/// argument given to the constructor parameter named as the entry's parameter in PascalCase
/// (<c>min_epochs</c> to <c>MinEpochs</c>); arguments left out take the constructor's defaults,
/// which a test holds equal to the entry's.
/// </summary>
/// <param name="TypeName">The runtime type's full name, without <c>global::</c>.</param>
public sealed record RuntimeConstructor(string TypeName);
