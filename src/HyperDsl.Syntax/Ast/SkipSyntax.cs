using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary>
/// <c>save name</c>, <c>concat name</c> or <c>add name</c>: a named skip connection. <c>save</c> keeps the
/// tensor flowing through the model under a name; <c>concat</c> joins the saved tensor to the current one
/// along the channels, and <c>add</c> sums them.
/// </summary>
/// <param name="Kind">Which of the three it is.</param>
/// <param name="Name">The name the tensor is saved under or read from.</param>
/// <param name="Span">Where the node is in its file.</param>
public sealed record SkipSyntax(SkipKind Kind, IdentifierSyntax Name, SourceSpan Span) : StatementSyntax(Span);

/// <summary>What a skip statement does with its name.</summary>
public enum SkipKind
{
    /// <summary><c>save name</c>: keep the current tensor under the name.</summary>
    Save,

    /// <summary><c>concat name</c>: join the saved tensor to the current one along the channels.</summary>
    Concat,

    /// <summary><c>add name</c>: add the saved tensor to the current one, element by element.</summary>
    Add,
}
