using System.Collections.Immutable;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary><c>objective maximize val_accuracy, minimize model.params</c>.</summary>
/// <param name="Name">See the base record.</param>
/// <param name="Objectives">One objective, or several for a Pareto front.</param>
/// <param name="Span">Where the node is in its file.</param>
public sealed record ObjectiveSettingSyntax(IdentifierSyntax Name, ImmutableArray<ObjectiveSyntax> Objectives, SourceSpan Span) : SettingSyntax(Name, Span);
