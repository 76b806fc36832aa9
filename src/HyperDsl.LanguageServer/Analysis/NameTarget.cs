using HyperDsl.Compiler.Binding;
using HyperDsl.Compiler.Catalog;
using HyperDsl.Syntax.Ast;
using HyperDsl.Syntax.Text;

namespace HyperDsl.LanguageServer.Analysis;

/// <summary>What the name under the cursor stands for, and where that name is written.</summary>
/// <param name="Name">The span of the name at the cursor.</param>
internal abstract record NameTarget(SourceSpan Name);

/// <summary>A parameter, block, block parameter or loop variable, as the binder resolved it.</summary>
internal sealed record SymbolTarget(SourceSpan Name, Symbol Symbol) : NameTarget(Name);

/// <summary>A built-in: a layer, distribution, optimizer, ... of the catalogue.</summary>
internal sealed record EntryTarget(SourceSpan Name, CatalogEntry Entry) : NameTarget(Name);

/// <summary>A named argument of a built-in (<c>kernel:</c> of <c>conv</c>) or of a setting.</summary>
internal sealed record ArgumentTarget(SourceSpan Name, string Owner, ArgSpec Argument) : NameTarget(Name);

/// <summary>A setting of a data, train or tune section.</summary>
internal sealed record SettingTarget(SourceSpan Name, SettingSpec Setting) : NameTarget(Name);

/// <summary>An experiment, by its declaration (its own name, or the parent named after <c>extends</c>).</summary>
internal sealed record ExperimentTarget(SourceSpan Name, ExperimentSyntax Experiment) : NameTarget(Name);

/// <summary>The file an <c>import</c> names, as a full path.</summary>
internal sealed record ImportTarget(SourceSpan Name, string Path) : NameTarget(Name);

/// <summary>A member of a parameter's <c>choice</c> written as a value or a pattern (<c>adam</c> in <c>opt == adam</c>).</summary>
internal sealed record ChoiceMemberTarget(SourceSpan Name, string Member) : NameTarget(Name);
